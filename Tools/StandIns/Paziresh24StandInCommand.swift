import Dispatch
import Foundation

/// `paziresh24-standin --port N [--host H] [--port-file PATH]`: runs the stand-in until SIGTERM/SIGINT.
public enum Paziresh24StandInCommand {
    /// Usage text.
    public static let usage = """
        usage: paziresh24-standin [--port N] [--host ADDRESS] [--port-file PATH]

        Serves recorded paziresh24 answers (full-profile, getFreeDays, availability-status, slugProfile)
        and a scenario mode under /control/ (doctors, slots, faults, requests, reset) on one port.
          --port N          port to listen on (0 or absent: a free port)
          --host ADDRESS    address to bind (default 127.0.0.1)
          --port-file PATH  write the bound port there once listening
        Prints "READY http://127.0.0.1:PORT" when ready; stops on SIGTERM or SIGINT.
        """

    /// Parsed options.
    public struct Options: Equatable, Sendable {
        /// Port (0 = ephemeral).
        public var port = 0
        /// Bind address.
        public var host = "127.0.0.1"
        /// Where to write the port.
        public var portFile: String?
    }

    /// Parses arguments (without the program name).
    /// - Returns: options, or nil for `--help`; throws a message for bad input.
    public static func parse(_ arguments: [String]) throws(CommandLineError) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "-h", "--help":
                return nil
            case "--port":
                guard let value = rest.popFirst(), let port = Int(value), (0...65535).contains(port) else {
                    throw CommandLineError(message: "--port needs a number 0...65535")
                }
                options.port = port
            case "--host":
                guard let value = rest.popFirst(), !value.isEmpty else { throw CommandLineError(message: "--host needs an address") }
                options.host = value
            case "--port-file":
                guard let value = rest.popFirst(), !value.isEmpty else { throw CommandLineError(message: "--port-file needs a path") }
                options.portFile = value
            default:
                throw CommandLineError(message: "unknown argument \(flag)")
            }
        }
        return options
    }

    /// A bad command line.
    public struct CommandLineError: Error, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// Runs the executable: parse, start, announce, wait for a signal, stop, exit.
    public static func main(arguments: [String]) -> Never {
        let options: Options
        do {
            guard let parsed = try parse(Array(arguments.dropFirst())) else {
                write(usage + "\n", to: .standardOutput)
                exit(0)
            }
            options = parsed
        } catch {
            write("paziresh24-standin: \(error)\n\(usage)\n", to: .standardError)
            exit(2)
        }
        let standIn = Paziresh24StandIn()
        let port: Int
        do {
            port = try standIn.start(host: options.host, port: options.port)
        } catch {
            write("paziresh24-standin: cannot listen on \(options.host):\(options.port): \(error)\n", to: .standardError)
            exit(1)
        }
        if let path = options.portFile {
            // Write then rename, so a watcher never reads a half-written file.
            let temporary = path + ".tmp"
            do {
                try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else { throw CommandLineError(message: "rename failed (errno \(errno))") }
            } catch {
                write("paziresh24-standin: cannot write --port-file \(path): \(error)\n", to: .standardError)
                standIn.stop()
                exit(1)
            }
        }
        let shownHost = options.host == "0.0.0.0" || options.host == "::" ? "127.0.0.1" : options.host
        write("READY http://\(shownHost):\(port)\n", to: .standardOutput)

        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { @Sendable in
                standIn.stop()
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
