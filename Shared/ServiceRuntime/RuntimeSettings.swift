/// The settings every SlotHunter service reads the same way, validated at start-up.
///
/// | Variable | Default | Meaning |
/// |---|---|---|
/// | `INSTANCE_ID` / `HOSTNAME` | host name | instance id in logs |
/// | `LOG_LEVEL` | `info` | `debug`, `info`, `notice`, `warning`, `error`, `critical` |
/// | `HTTP_PORT` | `8080` | port of `/healthz`, `/readyz`, `/metrics` |
/// | `SHUTDOWN_GRACE_PERIOD` | `25s` | time the services get to stop (keep it below Kubernetes' `terminationGracePeriodSeconds`) |
public struct RuntimeSettings: Sendable, Hashable {
    /// Service name and instance id.
    public var identity: ServiceIdentity
    /// Logger threshold (`LOG_LEVEL`).
    public var logLevel: Logger.Level
    /// Health and metrics port (`HTTP_PORT`).
    public var httpPort: Int
    /// Grace period of the service group (`SHUTDOWN_GRACE_PERIOD`, seconds when a bare number).
    public var shutdownGracePeriod: Duration

    /// Reads the settings for `service`.
    /// - Throws: a `ConfigurationError` naming the first invalid variable.
    public init(service: String, environment: EnvironmentReader = EnvironmentReader()) throws(ConfigurationError) {
        identity = ServiceIdentity.current(service: service, environment: environment.environment)
        logLevel = try environment.choice("LOG_LEVEL", default: Logger.Level.info)
        httpPort = try environment.int("HTTP_PORT", default: 8080, range: 0...65535)
        shutdownGracePeriod = try Self.shutdownGracePeriod(environment)
    }

    /// `SHUTDOWN_GRACE_PERIOD` (seconds when a bare number; default 25 s, at most an hour): how long
    /// the service group waits for its services to stop after SIGTERM. Keep it below Kubernetes'
    /// `terminationGracePeriodSeconds` (45 s in `deploy/k8s`), so the pod is not killed mid-drain.
    public static func shutdownGracePeriod(_ environment: EnvironmentReader) throws(ConfigurationError) -> Duration {
        try environment.duration(
            "SHUTDOWN_GRACE_PERIOD", default: .seconds(25), unit: .seconds, range: .seconds(1)...Duration.seconds(3600))
    }

    /// A logger for this identity and level.
    public func makeLogger(sink: LogSink = .standardOutput) -> Logger {
        Logger(identity: identity, level: logLevel, sink: sink)
    }
}
