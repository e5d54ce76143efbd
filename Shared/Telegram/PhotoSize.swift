/// One size of a photo or thumbnail (Bot API `PhotoSize`).
public struct PhotoSize: Sendable, Hashable, Codable {
    /// Identifier for downloading or reusing the file.
    public var fileID: String
    /// Identifier stable over time and across bots.
    public var fileUniqueID: String
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Size in bytes, if known.
    public var fileSize: Int?

    /// Creates a photo size.
    public init(fileID: String, fileUniqueID: String, width: Int, height: Int, fileSize: Int? = nil) {
        self.fileID = fileID
        self.fileUniqueID = fileUniqueID
        self.width = width
        self.height = height
        self.fileSize = fileSize
    }

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileUniqueID = "file_unique_id"
        case width, height
        case fileSize = "file_size"
    }
}
