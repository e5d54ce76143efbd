import Foundation

/// Everything the paziresh24 stand-in remembers; a value guarded by the stand-in's lock.
struct Paziresh24StandInState {
    /// A synthetic doctor and the id its profile answers with.
    struct RegisteredDoctor {
        var spec: Paziresh24StandInDoctor
        var id: String
        /// Registration order (the search's default order); kept when a doctor is replaced.
        var order: Int
    }

    /// Slots of one target in scenario mode.
    struct Scenario {
        var slots: [Int: Paziresh24SlotScenario.Slot] = [:]
        /// Free days without times (00:00 Tehran, Unix seconds).
        var freeDays: Set<Int> = []
        var slice: Int
        var userCenterId: String?
        var status: Int?
        var message: String?
    }

    /// A queued fault with the answers it still has to spoil.
    struct PendingFault {
        var fault: Paziresh24FaultPlan.Fault
        var remaining: Int
    }

    static let maxLogEntries = 10_000
    static let onlineTarget = "\(Paziresh24Fixture.onlineCenterId):\(Paziresh24Fixture.onlineServiceId)"
    static let officeTarget = "\(Paziresh24Fixture.officeCenterId):\(Paziresh24Fixture.officeServiceId)"

    var doctors: [String: RegisteredDoctor] = [:]
    var scenarios: [String: Scenario] = [:]
    var faults: [String: [PendingFault]] = [:]
    var latencyMs: [String: Int] = [:]
    var log: [Paziresh24RequestRecord] = []
    var nextSeq = 1
    var nextOrder = 0
    /// Requests answered per endpoint since the last reset (never trimmed, unlike `log`).
    var requestCounts: [String: Int] = [:]

    // MARK: control

    mutating func register(_ doctor: Paziresh24StandInDoctor) {
        let existing = doctors[doctor.slug]
        let id = doctor.id ?? existing?.id ?? UUID().uuidString.lowercased()
        let order = existing?.order ?? nextOrder
        if existing == nil { nextOrder += 1 }
        doctors[doctor.slug] = RegisteredDoctor(spec: doctor, id: id, order: order)
    }

    mutating func apply(_ scenario: Paziresh24SlotScenario) {
        let key = scenario.targetKey
        var current = scenarios[key] ?? Scenario(slice: registeredTarget(key)?.service.durationSeconds ?? 600)
        if let slice = scenario.slice, slice > 0 { current.slice = slice }
        if let userCenterId = scenario.userCenterId { current.userCenterId = userCenterId }
        current.status = scenario.status
        current.message = scenario.message
        let days = Set((scenario.freeDays ?? []).map(Paziresh24StandInResponses.dayKey))
        switch scenario.mode ?? .replace {
        case .replace:
            current.slots = Dictionary(scenario.slots.map { ($0.start, $0) }, uniquingKeysWith: { _, last in last })
            current.freeDays = days
        case .add:
            for slot in scenario.slots { current.slots[slot.start] = slot }
            current.freeDays.formUnion(days)
        case .remove:
            for slot in scenario.slots { current.slots[slot.start] = nil }
            current.freeDays.subtract(days)
        }
        scenarios[key] = current
    }

    mutating func apply(_ plan: Paziresh24FaultPlan) {
        let scope = plan.scope
        if plan.clear == true {
            faults[scope] = nil
            latencyMs[scope] = nil
        }
        if let latency = plan.latencyMs { latencyMs[scope] = latency > 0 ? latency : nil }
        for fault in plan.faults ?? [] where (fault.count ?? 1) > 0 {
            faults[scope, default: []].append(PendingFault(fault: fault, remaining: fault.count ?? 1))
        }
    }

    /// The next fault for a request of `target` (its own queue first, then the global one) and
    /// the latency to add.
    mutating func takeFault(target: String?) -> (Paziresh24FaultPlan.Fault?, Int) {
        let latency = (target.flatMap { latencyMs[$0] } ?? 0) + (latencyMs[Paziresh24FaultPlan.globalScope] ?? 0)
        for scope in [target, Paziresh24FaultPlan.globalScope].compactMap({ $0 }) {
            guard var queue = faults[scope], !queue.isEmpty else { continue }
            let fault = queue[0].fault
            queue[0].remaining -= 1
            if queue[0].remaining <= 0 { queue.removeFirst() }
            faults[scope] = queue.isEmpty ? nil : queue
            return (fault, latency)
        }
        return (nil, latency)
    }

    mutating func record(_ make: (Int) -> Paziresh24RequestRecord) {
        let record = make(nextSeq)
        requestCounts[record.endpoint ?? "unknown", default: 0] += 1
        log.append(record)
        nextSeq += 1
        if log.count > Self.maxLogEntries { log.removeFirst(log.count - Self.maxLogEntries) }
    }

    // MARK: answers

    /// The getFreeDays body for a validated request.
    func freeDays(centerId: String, serviceId: String, userCenterId: String, calendarOnly: Bool, now: Date) -> Data {
        let key = "\(centerId):\(serviceId)"
        if let scenario = scenarios[key] {
            if let expected = scenario.userCenterId ?? registeredTarget(key)?.center.userCenterId ?? recordedUserCenterId(key),
                expected != userCenterId
            {
                return Paziresh24StandInResponses.bookingDisabled()
            }
            if let status = scenario.status, status != 1 {
                switch (status, scenario.message) {
                case (32, nil): return Paziresh24StandInResponses.noFreeTurn()
                case (700, nil): return Paziresh24StandInResponses.bookingDisabled()
                default: return Paziresh24StandInResponses.envelope(status: status, message: scenario.message ?? "")
                }
            }
            let visible = scenario.slots.values.filter { $0.isVisible(at: now) }
            guard !visible.isEmpty || !scenario.freeDays.isEmpty else { return Paziresh24StandInResponses.noFreeTurn() }
            return Paziresh24StandInResponses.freeDays(
                slots: visible.map { .init(start: $0.start, slice: scenario.slice) }, now: now,
                calendarOnly: calendarOnly, seed: key, daysWithoutTimes: scenario.freeDays)
        }
        if let (center, service) = registeredTarget(key) {
            guard (service.canBooking ?? 1) == 1, center.userCenterId == userCenterId else {
                return Paziresh24StandInResponses.bookingDisabled()
            }
            return Paziresh24StandInResponses.noFreeTurn()
        }
        guard let recorded = recordedUserCenterId(key), recorded == userCenterId else {
            return Paziresh24StandInResponses.bookingDisabled()
        }
        if key == Self.onlineTarget {
            return calendarOnly
                ? Paziresh24StandInResponses.recordedOnlineCalendarOnly() : Paziresh24Fixture.freeDaysSlots.data
        }
        // The office: its calendar-only answer was recorded, its slot answer was not.
        return calendarOnly ? Paziresh24Fixture.freeDaysCalendar.data : Paziresh24StandInResponses.noFreeTurn()
    }

    /// A registered doctor and the earliest visible slot of each of its centers.
    func registeredDoctor(_ slug: String, now: Date) -> (doctor: RegisteredDoctor, earliest: [String: Int])? {
        doctors[slug].map { ($0, earliestSlots($0.spec, now: now)) }
    }

    /// Earliest visible scenario slot per center of a doctor.
    func earliestSlots(_ doctor: Paziresh24StandInDoctor, now: Date) -> [String: Int] {
        var earliest: [String: Int] = [:]
        for center in doctor.centers {
            for service in center.services {
                let starts =
                    scenarios["\(center.id):\(service.id)"]?.slots.values.filter { $0.isVisible(at: now) }
                    .map(\.start) ?? []
                if let first = starts.min() { earliest[center.id] = min(earliest[center.id] ?? first, first) }
            }
        }
        return earliest
    }

    /// The registered doctor's center and service behind a target key.
    func registeredTarget(_ key: String) -> (center: Paziresh24StandInDoctor.Center, service: Paziresh24StandInDoctor.Service)? {
        for doctor in doctors.values {
            for center in doctor.spec.centers {
                if let service = center.services.first(where: { "\(center.id):\($0.id)" == key }) { return (center, service) }
            }
        }
        return nil
    }

    func recordedUserCenterId(_ key: String) -> String? {
        switch key {
        case Self.onlineTarget: Paziresh24Fixture.onlineUserCenterId
        case Self.officeTarget: Paziresh24Fixture.officeUserCenterId
        default: nil
        }
    }
}
