// paziresh24-standin: a local paziresh24 for tests and demos (see StandIns.Paziresh24StandIn).
import StandIns

Paziresh24StandInCommand.main(arguments: CommandLine.arguments)
