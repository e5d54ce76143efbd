// telegram-standin: the Telegram Bot API stand-in as a process, for integration and end-to-end tests.
import Foundation
import StandIns

let usage = """
    usage: telegram-standin [--port N] [--host ADDRESS] [--token TOKEN] [--bot-username NAME] [--port-file PATH]

    Serves the Telegram Bot API stand-in on http://HOST:PORT (default 127.0.0.1, port 0 = ephemeral).
    Bot API:  POST|GET /bot<TOKEN>/<method>   (getMe, getUpdates, sendMessage, editMessageText,
              answerCallbackQuery, setWebhook, deleteWebhook, getWebhookInfo, setMyCommands,
              setMyDescription, setMyShortDescription)
    Control:  POST /control/updates, GET /control/updates, GET /control/sent, GET /control/log,
              GET|POST /control/config, POST /control/reset, GET /control/health,
              GET /control/commands, GET /control/descriptions (what setMyCommands / setMyDescription set)
    Prints "READY http://127.0.0.1:PORT" when listening; --port-file also receives the port.
    TOKEN defaults to $TELEGRAM_STANDIN_TOKEN, else 123456789:STANDIN-token. Stops on SIGTERM/SIGINT.
    """

struct Options {
    var port = 0
    var host = "127.0.0.1"
    var token = ProcessInfo.processInfo.environment["TELEGRAM_STANDIN_TOKEN"] ?? "123456789:STANDIN-token"
    var botUsername = "SlotHunterStandInBot"
    var portFile: String?
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("telegram-standin: \(message)\n\(usage)\n".utf8))
    exit(2)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var remaining = arguments.dropFirst()
    while let flag = remaining.popFirst() {
        if flag == "--help" || flag == "-h" {
            print(usage)
            exit(0)
        }
        guard let value = remaining.popFirst() else { fail("\(flag) needs a value") }
        switch flag {
        case "--port":
            guard let port = Int(value), (0...65535).contains(port) else { fail("invalid port \(value)") }
            options.port = port
        case "--host": options.host = value
        case "--token": options.token = value
        case "--bot-username": options.botUsername = value
        case "--port-file": options.portFile = value
        default: fail("unknown option \(flag)")
        }
    }
    return options
}

let options = parseOptions(CommandLine.arguments)
let standIn = TelegramStandIn(
    token: options.token, host: options.host, port: options.port, botUsername: options.botUsername)
let port: Int
do {
    port = try standIn.start()
} catch {
    fail("cannot listen on \(options.host):\(options.port): \(error)")
}
if let portFile = options.portFile {
    do {
        try "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(portFile): \(error)")
    }
}
let shownHost = options.host == "0.0.0.0" || options.host == "::" ? "127.0.0.1" : options.host
// Written unbuffered: test scripts wait for this line on a pipe.
FileHandle.standardOutput.write(Data("READY http://\(shownHost):\(port)\n".utf8))

signal(SIGTERM, SIG_IGN)
signal(SIGINT, SIG_IGN)
let signalQueue = DispatchQueue(label: "telegram-standin.signals")
let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: signalQueue) }
for source in sources {
    source.setEventHandler { @Sendable in
        standIn.stop()
        exit(0)
    }
    source.resume()
}
dispatchMain()
