package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Busy loops in processes of their own, competing for the CPU: crashes bite when the machine is busy. */
public final class CpuHog implements AutoCloseable {

    private final List<Process> loops = new ArrayList<>();

    private CpuHog() {
    }

    public static CpuHog start(int processes) {
        CpuHog hog = new CpuHog();
        try {
            for (int i = 0; i < processes; i++) {
                hog.loops.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
        } catch (IOException e) {
            hog.close();
            throw new UncheckedIOException(e);
        }
        return hog;
    }

    @Override
    public void close() {
        loops.forEach(Process::destroyForcibly);
    }
}
