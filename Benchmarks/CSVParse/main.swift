// The CSV benchmark's measured program: parses one CSV file with SheetCSV and prints what it produced and how long
// the parse took, as one JSON line. Built by Benchmarks/csv_run.py against the release build of the package
// (see Benchmarks/README.md, "CSV").
//
//   csvparse MODE FILE
//
// MODE says what the parse produces:
//   records  every field delimited, unescaped and checked as UTF-8, its bytes touched (no String made)
//   strings  a Swift String for every field, kept per record in a [String]
//   cells    a Row of Cells per record (CellValue.string for each non-empty field, A1 addresses), as nextRow() gives
//   typed    as cells, but each field that reads as a number (en locale, `49.7`, `900000000`) is a .number(Double)
//            converted from an exact DecimalNumber; the rest stay strings
// A `-2t` suffix (`cells-2t`) turns on CSVOptions.usesSecondThread: a second thread reads, checks and splits the
// records, this one makes the values.
import SheetCSV
import SheetCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    fputs("usage: csvparse records|strings|cells|typed[-2t] FILE\n", stderr)
    exit(2)
}
let twoThreads = arguments[1].hasSuffix("-2t")
let mode = twoThreads ? String(arguments[1].dropLast(3)) : arguments[1]
let path = arguments[2]
let started = now()
var records = 0
var fields = 0
var checksum = 0
var numbers = 0
do {
    let reader = try CSVReader(path: path, options: CSVOptions(usesSecondThread: twoThreads))
    switch mode {
    case "records":
        while try reader.nextRecord() {
            records += 1
            let count = reader.fieldCount
            fields += count
            for index in 0..<count {
                let bytes = reader.field(index)
                checksum &+= bytes.count &+ Int(bytes.first ?? 0)
            }
        }
    case "strings":
        var kept: [String] = []
        while try reader.nextRecord() {
            records += 1
            let count = reader.fieldCount
            fields += count
            kept.removeAll(keepingCapacity: true)
            for index in 0..<count { kept.append(reader.string(at: index)) }
            checksum &+= kept[count - 1].utf8.count
        }
    case "cells":
        while let row = try reader.nextRow() {
            records += 1
            fields += row.cells.count
            if let last = row.cells.last, case .string(let text) = last.value { checksum &+= text.utf8.count }
        }
    case "typed":
        while let row = try reader.nextTypedRow(locale: .en) {
            records += 1
            fields += row.cells.count
            for cell in row.cells { if case .number = cell.value { numbers += 1 } }
        }
    default:
        fputs("unknown mode \(mode)\n", stderr)
        exit(2)
    }
} catch {
    fputs("csvparse: \(error)\n", stderr)
    exit(3)
}
let seconds = now() - started
print(
    "{\"mode\": \"\(arguments[1])\", \"seconds\": \(seconds), \"records\": \(records), \"fields\": \(fields), "
        + "\"numbers\": \(numbers), \"checksum\": \(checksum)}")
