/// Column names of a result, shared by all its rows.
final class PostgresRowDescription: Sendable {
    let names: [String]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var indexByName: [String: Int] = [:]
        // The first column of a duplicated name wins, as in most drivers.
        for (index, name) in names.enumerated() where indexByName[name] == nil { indexByName[name] = index }
        self.indexByName = indexByName
    }

    func index(of name: String) -> Int? { indexByName[name] }
}
