import Foundation

/// The start every SlotHunter executable shares: `--help`, settings from the environment (a bad
/// value: a one-line error on stderr and exit status 78, `EX_CONFIG`), secrets registered with the
/// log redactor before the first line is logged, the identity and logger, then the service. An
/// error the service throws is logged as critical and becomes exit status 1, unless `exitStatus`
/// maps it to another.
public enum ServiceLauncher {
    /// Runs `run` with the settings of `Settings`; returns the process's exit status.
    public static func main<Settings: ServiceSettings>(
        service: String, settings: Settings.Type, arguments: [String] = CommandLine.arguments,
        environment: EnvironmentReader = EnvironmentReader(),
        exitStatus: (any Error) -> Int32? = { _ in nil },
        run: (Settings, ServiceIdentity, Logger) async throws -> Void
    ) async -> Int32 {
        CommandLineHelp.handle(arguments: Array(arguments.dropFirst()), usage: Settings.usage)
        let settings: Settings
        do {
            settings = try Settings(environment)
        } catch {
            FileHandle.standardError.write(Data("\(service): \(error)\n".utf8))
            return 78
        }
        for secret in settings.secrets { Logger.registerSecret(secret) }
        let identity = ServiceIdentity.current(service: service, environment: environment.environment)
        let logger = Logger(identity: identity, level: settings.logLevel)
        do {
            try await run(settings, identity, logger)
            return 0
        } catch {
            if let status = exitStatus(error) {
                logger.critical("exiting: \(error)")
                return status
            }
            logger.critical("\(service) failed", ["error": "\(error)"])
            return 1
        }
    }
}
