<#
.SYNOPSIS
  Installs the Message Broker roles as Windows services with NSSM, under the original's service names.
.DESCRIPTION
  UNTESTED on Windows so far (the project's CI runs Linux only); please report what breaks.
  Each service runs "java -jar lib\broker.jar run <role> --data-dir <DataDir>" from the unpacked
  distribution, with the settings of an env file (KEY=value lines, as deploy\systemd\broker.env),
  restarts on failure, and starts after the services it depends on.
.EXAMPLE
  .\install-services.ps1 -AppRoot C:\MessageBroker -JavaHome 'C:\Program Files\Eclipse Adoptium\jdk-25' -DependOn MySQL80,Memurai
#>
param(
    [string]$AppRoot = 'C:\MessageBroker',
    [string]$DataDir = (Join-Path $AppRoot 'data'),
    [string]$EnvFile = (Join-Path $AppRoot 'broker.env'),
    [string]$JavaHome = $env:JAVA_HOME,
    [string]$Nssm = 'nssm.exe',
    [string[]]$Roles = @('server', 'worker', 'proxy', 'portal'),
    [string[]]$DependOn = @(),
    [string]$ServiceAccount = 'NT AUTHORITY\LocalService'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'services.ps1')

$java = Join-Path $JavaHome 'bin\java.exe'
if (-not (Test-Path $java)) { throw "No java.exe under JAVA_HOME '$JavaHome'; install JDK 25 (21 or newer) and pass -JavaHome." }
$jar = Join-Path $AppRoot 'lib\broker.jar'
if (-not (Test-Path $jar)) { throw "No $jar; unpack the distribution archive into $AppRoot first." }
New-Item -ItemType Directory -Force -Path $DataDir, (Join-Path $DataDir 'logs') | Out-Null
# Only the service account and administrators may read the data directory (keys live there).
icacls $DataDir /inheritance:r /grant:r "${ServiceAccount}:(OI)(CI)M" 'BUILTIN\Administrators:(OI)(CI)F' | Out-Null

$environment = @()
if (Test-Path $EnvFile) {
    $environment = Get-Content $EnvFile | Where-Object { $_ -match '^\s*[A-Z_][A-Z0-9_]*=' } | ForEach-Object { $_.Trim() }
}

foreach ($role in $Roles) {
    $service = $BrokerServices[$role]
    if (-not $service) { throw "Unknown role '$role'; use server, worker, proxy or portal." }
    # The launcher's JVM defaults for a role (see the broker script): the serial collector, a bounded heap.
    & $Nssm install $service.Name $java "-XX:+UseSerialGC -Xmx512m -jar `"$jar`" run $role --data-dir `"$DataDir`""
    & $Nssm set $service.Name DisplayName $service.Display
    & $Nssm set $service.Name AppDirectory $AppRoot
    & $Nssm set $service.Name ObjectName $ServiceAccount
    & $Nssm set $service.Name Start SERVICE_AUTO_START
    & $Nssm set $service.Name AppExit Default Restart
    & $Nssm set $service.Name AppRestartDelay 5000
    # SIGTERM's equivalent: Ctrl-C first, so the role finishes or hands back its work.
    & $Nssm set $service.Name AppStopMethodConsole 60000
    & $Nssm set $service.Name AppStdout (Join-Path $DataDir "logs\$role-console.log")
    & $Nssm set $service.Name AppStderr (Join-Path $DataDir "logs\$role-console.log")
    if ($environment.Count -gt 0) { & $Nssm set $service.Name AppEnvironmentExtra $environment }
    $dependencies = @($DependOn) + @($service.After | ForEach-Object { $BrokerServices[$_].Name })
    if ($dependencies.Count -gt 0) { & $Nssm set $service.Name DependOnService $dependencies }
    Write-Host "Installed $($service.Name) ($role)."
}
Write-Host "Start with: net start MessageBrokerMainServer (then Worker, Proxy, Portal)."
