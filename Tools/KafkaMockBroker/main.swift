// kafka-mock-broker: librdkafka's mock Kafka cluster on loopback, for tests and local runs.
import Foundation

exit(BrokerHost.run(arguments: Array(CommandLine.arguments.dropFirst())))
