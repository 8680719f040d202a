# The original's service names, and which role each waits for.
$BrokerServices = @{
    server = @{ Name = 'MessageBrokerMainServer'; Display = 'Message Broker Main Server'; After = @() }
    worker = @{ Name = 'MessageBrokerWorker'; Display = 'Message Broker Worker'; After = @('server') }
    proxy  = @{ Name = 'MessageBrokerProxy'; Display = 'Message Broker Proxy'; After = @('server') }
    portal = @{ Name = 'MessageBrokerPortal'; Display = 'Message Broker Portal'; After = @('server') }
}
