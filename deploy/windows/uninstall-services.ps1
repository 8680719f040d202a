<#
.SYNOPSIS
  Stops and removes the Message Broker services (UNTESTED on Windows so far). Data and logs stay.
#>
param(
    [string]$Nssm = 'nssm.exe',
    [string[]]$Roles = @('portal', 'proxy', 'worker', 'server')
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'services.ps1')
foreach ($role in $Roles) {
    $name = $BrokerServices[$role].Name
    if (Get-Service -Name $name -ErrorAction SilentlyContinue) {
        & $Nssm stop $name
        & $Nssm remove $name confirm
        Write-Host "Removed $name."
    }
}
