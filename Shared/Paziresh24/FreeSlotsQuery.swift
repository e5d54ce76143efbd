/// The fields of one getFreeDays call: which center and service to read.
public struct FreeSlotsQuery: Sendable, Hashable, Codable {
    /// `center_id` (`5532` for online visits).
    public var centerId: String
    /// `service_id`.
    public var serviceId: String
    /// `user_center_id`: the doctor's membership id in the center.
    public var userCenterId: String
    /// `server_id` (`1` in every recording).
    public var serverId: String

    /// Creates a query.
    public init(centerId: String, serviceId: String, userCenterId: String, serverId: String = "1") {
        self.centerId = centerId
        self.serviceId = serviceId
        self.userCenterId = userCenterId
        self.serverId = serverId
    }

    /// `<center id>:<service id>`: the target's breaker key (same as `Messaging.WatchTarget.id`).
    public var targetKey: String { Self.targetKey(centerId: centerId, serviceId: serviceId) }

    /// `<center id>:<service id>`.
    public static func targetKey(centerId: String, serviceId: String) -> String {
        "\(centerId):\(serviceId)"
    }

    /// The form fields exactly as the recorded client sends them in slot mode, in order; no
    /// `return_free_turns` field (its absence makes `result` list every free slot).
    public var formFields: [(String, String)] {
        [
            ("center_id", centerId), ("service_id", serviceId), ("user_center_id", userCenterId),
            ("server_id", serverId), ("return_type", "calendar"),
        ]
    }
}
