import SheetCore

/// Decides which form and version a sheet is, from its title phrases and header labels (DESIGN §3, fingerprint).
///
/// Matching is on ``MatchText``: case, NFC/NFD, repeated spaces and line breaks do not matter. The title phrases
/// must all be in one cell within the first `searchRows` non-blank rows (so a title a few rows up or down, or
/// blank rows inserted, still match); each label must be in some text cell within the first `searchRows + 10`
/// non-blank rows. The sheet name is not looked at, and blank columns change nothing.
///
/// ```swift
/// let forms = try MappingLoader.loadForms(inFolder: "Mappings/forms")
/// let detector = FormDetector(definitions: forms)
/// let detection = detector.detect(sheet)                       // or detector.detect(sheet, forcing: "tt07-bc01")
/// print(detection.explanation(in: .vi))
/// ```
public struct FormDetector: Sendable {
    /// The forms known, in the order given.
    public var definitions: [FormDefinition] { forms.definitions }
    private let forms: FormList

    /// Every distinct phrase and label of all fingerprints, normalised once.
    private let needles: [MatchText]
    /// Per definition: the needle index of each of its title phrases and of each of its labels.
    private let titleNeedles: [[Int?]]
    private let labelNeedles: [[Int?]]
    /// Non-blank rows to read: the largest `searchRows`, plus room for labels below the title.
    private let headingRows: Int
    /// The needles of two bytes or more by a bucket of their first two bytes, flattened: the needles of bucket `b`
    /// are `bucketNeedles[bucketStarts[b]..<bucketStarts[b + 1]]`. One pass over a cell finds every needle in it,
    /// and most positions end at an empty bucket.
    private let bucketStarts: [Int32]
    private let bucketNeedles: [Int32]
    private let oneByteNeedles: [Int]

    private static let bucketCount = 4096

    /// The bucket of a two-byte start.
    @inline(__always)
    private static func bucket(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) << 5 ^ Int(second)) & (bucketCount - 1)
    }

    /// Extra non-blank rows, below `searchRows`, in which header labels are still looked for.
    public static let labelRowMargin = 10

    /// A detector over `definitions`.
    ///
    /// - Parameter definitions: The forms to recognise (``MappingLoader/loadForms(inFolder:customRules:)``).
    public init(definitions: [FormDefinition]) {
        forms = FormList(definitions)
        var index: [MatchText: Int] = [:]
        var needles: [MatchText] = []
        func intern(_ phrase: String) -> Int? {
            let text = MatchText(phrase)
            guard !text.isEmpty else { return nil }
            if let known = index[text] { return known }
            needles.append(text)
            index[text] = needles.count - 1
            return needles.count - 1
        }
        // By phrase; `nil` for a phrase that normalises to nothing (found anywhere).
        titleNeedles = definitions.map { $0.fingerprint.title.map(intern) }
        labelNeedles = definitions.map { $0.fingerprint.labels.map(intern) }
        self.needles = needles
        var buckets = [[Int32]](repeating: [], count: FormDetector.bucketCount)
        var single: [Int] = []
        for (index, needle) in needles.enumerated() {
            guard needle.bytes.count >= 2 else {
                single.append(index)
                continue
            }
            buckets[FormDetector.bucket(needle.bytes[0], needle.bytes[1])].append(Int32(index))
        }
        var starts: [Int32] = [0]
        for bucket in buckets { starts.append(starts.last! + Int32(bucket.count)) }
        bucketStarts = starts
        bucketNeedles = buckets.flatMap { $0 }
        oneByteNeedles = single
        headingRows = (definitions.map(\.fingerprint.searchRows).max() ?? 20) + FormDetector.labelRowMargin
    }

    /// The definition with this id, `nil` when no form has it.
    public func definition(id: String) -> FormDefinition? { definitions.first { $0.id == id } }

    /// Which form `sheet` is.
    ///
    /// - Parameter sheet: A materialised sheet, its text already in Unicode (legacy encodings converted).
    /// - Returns: the best full match, or no form with every form ranked by how close it came.
    /// - Complexity: O(text cells in the heading × distinct phrases), independent of the sheet's length.
    public func detect(_ sheet: Worksheet) -> FormDetection {
        detect(sheet, heading: SheetHeading(sheet: sheet, nonBlankRows: headingRows))
    }

    /// `sheet` read as the form `formID` whatever its fingerprint says (`--form ID`); the candidate still says
    /// what the sheet lacks.
    ///
    /// - Returns: `nil` when no definition has the id.
    public func detect(_ sheet: Worksheet, forcing formID: String) -> FormDetection? {
        guard let forced = definition(id: formID) else { return nil }
        var detection = detect(sheet)
        detection.form = forced
        detection.isForced = true
        return detection
    }

    func detect(_ sheet: Worksheet, heading: SheetHeading) -> FormDetection {
        // For each cell, which needles it holds: one pass over each cell's bytes.
        let wordCount = (needles.count + 63) / 64
        var cellHits = [UInt64](repeating: 0, count: heading.cells.count * wordCount)
        var labelRank = [Int](repeating: Int.max, count: needles.count)  // first rank a needle is seen at
        // Written through buffers: a closure capturing the arrays themselves would check exclusive access to them
        // at run time, at every hit.
        cellHits.withUnsafeMutableBufferPointer { cellHits in
            labelRank.withUnsafeMutableBufferPointer { labelRank in
                for (cellIndex, cell) in heading.cells.enumerated() {
                    func hit(_ needleIndex: Int) {
                        cellHits[cellIndex * wordCount + needleIndex / 64] |= 1 << UInt64(needleIndex % 64)
                        labelRank[needleIndex] = min(labelRank[needleIndex], cell.rank)
                    }
                    for needleIndex in oneByteNeedles where cell.text.bytes.contains(needles[needleIndex].bytes[0]) {
                        hit(needleIndex)
                    }
                    cell.text.bytes.withUnsafeBufferPointer { bytes in
                        guard bytes.count >= 2 else { return }
                        for position in 0..<(bytes.count - 1) {
                            let bucket = FormDetector.bucket(bytes[position], bytes[position + 1])
                            let (first, end) = (Int(bucketStarts[bucket]), Int(bucketStarts[bucket + 1]))
                            guard first < end else { continue }
                            for slot in first..<end {
                                let needleIndex = Int(bucketNeedles[slot])
                                let needle = needles[needleIndex].bytes
                                guard position + needle.count <= bytes.count else { continue }
                                var index = 0
                                while index < needle.count, bytes[position + index] == needle[index] { index += 1 }
                                if index == needle.count { hit(needleIndex) }
                            }
                        }
                    }
                }
            }
        }
        func holds(_ cellIndex: Int, _ needle: Int) -> Bool {
            cellHits[cellIndex * wordCount + needle / 64] & (1 << UInt64(needle % 64)) != 0
        }

        // Only cells holding some needle can hold a title phrase.
        let cellsWithHits = heading.cells.indices.filter { cellIndex in
            (0..<wordCount).contains { cellHits[cellIndex * wordCount + $0] != 0 }
        }
        // What each form found, then the forms ranked; candidates are made once, in rank order.
        var found: [(titleCell: CellAddress?, fit: FingerprintFit)] = []
        found.reserveCapacity(definitions.count)
        for formIndex in definitions.indices {
            let titles = titleNeedles[formIndex]
            let fingerprint = definitions[formIndex].fingerprint
            var bestCell: Int?
            var bestCount = 0
            for cellIndex in cellsWithHits where heading.cells[cellIndex].rank < fingerprint.searchRows {
                var count = 0
                for needle in titles where needle.map({ holds(cellIndex, $0) }) ?? false { count += 1 }
                if count > bestCount {
                    bestCount = count
                    bestCell = cellIndex
                }
            }
            var fit = FingerprintFit(
                titlePhrasesFound: 0, labelsFound: 0, phraseCount: fingerprint.title.count,
                labelCount: fingerprint.labels.count)
            for (index, needle) in titles.enumerated()
            where needle.map({ needle in bestCell.map { holds($0, needle) } ?? false }) ?? true {
                fit.titlePhrasesFound |= 1 << UInt64(index)
            }
            let labelLimit = fingerprint.searchRows + FormDetector.labelRowMargin
            for (index, needle) in labelNeedles[formIndex].enumerated()
            where needle.map({ labelRank[$0] < labelLimit }) ?? true {
                fit.labelsFound |= 1 << UInt64(index)
            }
            found.append((bestCell.map { heading.cells[$0].address }, fit))
        }
        // Stable: among equals, the order of the definitions.
        let ranked = found.indices.sorted { a, b in
            let (x, y) = (found[a].fit, found[b].fit)
            if x.isMatch != y.isMatch { return x.isMatch }
            if x.isMatch, x.specificity != y.specificity { return x.specificity > y.specificity }
            if x.score != y.score { return x.score > y.score }
            return a < b
        }.map { index in
            FormCandidate(forms, index: index, titleCell: found[index].titleCell, fit: found[index].fit)
        }
        let match = ranked.first.flatMap { $0.isMatch ? $0.definition : nil }
        return FormDetection(sheet: sheet.name, form: match, candidates: ranked, isForced: false)
    }
}
