# Charts of a soak run (scripts/soak.sh): gnuplot -e "dir='OUT'" scripts/soak-plot.gnuplot -> OUT/soak.png
# Memory, threads and file descriptors per role and the queue depth (samples.csv), latency per minute
# (latency.csv); the faults (faults.csv) are grey bars. Flat lines are the goal.
set terminal pngcairo size 1400,1000 font ",10" noenhanced
set output dir."/soak.png"
set datafile separator ","
set key bottom right opaque
set multiplot layout 3,2 title "Soak: ".dir
set xlabel "minutes"
set xrange [0:*]
set autoscale xfixmax
set y2range [0:1]
unset y2tics
roles = "server worker proxy"
faults = dir."/faults.csv"
do for [col = 3:5] {
    set title word("RSS_(MB) threads file_descriptors", col - 2)
    set yrange [0:*]
    plot for [r in roles] sprintf("< grep ',%s,' '%s/samples.csv'", r, dir) using ($1/60):(column(col)) with lines title r, \
         faults using ($1/60):(1) axes x1y2 with impulses lc rgb "gray" title "kill -9"
}
set title "queue depth"
plot sprintf("< grep ',server,' '%s/samples.csv'", dir) using ($1/60):6 with lines title "depth", \
     faults using ($1/60):(1) axes x1y2 with impulses lc rgb "gray" title "kill -9"
set title "submission latency per minute (ms, log scale)"
set key top right
set logscale y
set yrange [1:*]
plot dir."/latency.csv" using 0:3 with linespoints title "p50", "" using 0:4 with linespoints title "p99", \
     "" using 0:5 with lines title "max", faults using ($1/60):(1) axes x1y2 with impulses lc rgb "gray" title "kill -9"
unset multiplot
