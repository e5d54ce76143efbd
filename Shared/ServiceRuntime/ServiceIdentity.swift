import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is logging and serving metrics: the service name and this process's instance id.
public struct ServiceIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The service name, e.g. `scraper`.
    public var service: String
    /// This instance, e.g. the pod name.
    public var instance: String

    /// Creates an identity from explicit values.
    public init(service: String, instance: String) {
        self.service = service
        self.instance = instance
    }

    /// The identity of this process: instance from `INSTANCE_ID`, else `HOSTNAME` (set by
    /// Kubernetes and Docker to the pod/container name), else `hostname()`, else `unknown`.
    public static func current(
        service: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ServiceIdentity {
        let candidates = [environment["INSTANCE_ID"], environment["HOSTNAME"], systemHostName()]
        let instance = candidates.lazy
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty }
        return ServiceIdentity(service: service, instance: instance ?? "unknown")
    }

    /// `service/instance`.
    public var description: String { "\(service)/\(instance)" }

    private static func systemHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
