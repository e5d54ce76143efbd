import Foundation

extension KeyedEncodingContainer {
    /// Writes a UUID in its canonical lowercase form (Foundation's default is uppercase).
    mutating func encodeLowercased(_ uuid: UUID, forKey key: Key) throws {
        try encode(uuid.uuidString.lowercased(), forKey: key)
    }
}
