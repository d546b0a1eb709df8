/// The defects found while parsing one message, each once, in the order first found.
struct DefectLog: Sendable {
    private(set) var defects: [MIMEDefect] = []

    mutating func record(_ defect: MIMEDefect) {
        if !defects.contains(defect) { defects.append(defect) }
    }

    mutating func record(contentsOf other: DefectLog) {
        for defect in other.defects { record(defect) }
    }
}
