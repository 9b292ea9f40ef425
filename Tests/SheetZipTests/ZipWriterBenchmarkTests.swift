import Foundation
import SheetTestSupport
import Testing

@testable import SheetZip

#if canImport(Glibc)
    import Glibc
#endif

/// Compression speed and size of ZipWriter at levels 1 and 6, with and without worker threads. Prints a table and
/// asserts nothing (timings depend on the machine). Run it in release, where the figures mean something:
///
///     python3 Benchmarks/generate.py      # Benchmarks/data/bench-inline.xlsx: a 105 MB worksheet (else synthetic)
///     BIEUMAU_ZIP_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ZipWriterBenchmark
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BIEUMAU_ZIP_BENCH"] != nil))
struct ZipWriterBenchmark {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// CPU seconds used by the process so far (all threads).
    static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The benchmark worksheet's XML when generated, else ~100 MB of synthetic rows.
    static func worksheet() throws -> (name: String, bytes: [UInt8]) {
        let path = TestPaths.repositoryRoot.appendingPathComponent("Benchmarks/data/bench-inline.xlsx").path
        if let archive = try? ZipArchive(path: path), let sheet = archive.entry(named: "xl/worksheets/sheet1.xml") {
            return ("bench-inline.xlsx sheet1.xml", try archive.contents(of: sheet))
        }
        return ("synthetic rows", sampleXML(rows: 2_000_000))
    }

    @Test func levelsAndThreads() throws {
        let (name, xml) = try Self.worksheet()
        let folder = ScratchFolder("zipbench")
        defer { folder.remove() }
        print("ZipWriter on \(name), \(xml.count / 1_000_000) MB, best of 3 (\(CompressionPipeline.defaultWorkerCount) workers)")
        print("level | workers | seconds | CPU seconds | MB/s of XML | archive MB | % of XML")
        for level: Int32 in [1, 6] {
            for workers in [0, CompressionPipeline.defaultWorkerCount] {
                var best = Double.infinity
                var cpu = 0.0
                var size: UInt64 = 0
                for _ in 0..<3 {
                    let start = Self.now()
                    let startCPU = Self.cpu()
                    let writer = try ZipWriter(
                        path: folder.file("bench.zip"), compressionLevel: level, chunkSize: ZipWriter.defaultChunkSize,
                        workers: workers)
                    try writer.startEntry("xl/worksheets/sheet1.xml")
                    var offset = 0
                    while offset < xml.count {
                        let end = min(xml.count, offset + (64 << 10))
                        let result = xml[offset..<end].withUnsafeBytes { raw in
                            Result { () throws(ZipError) in try writer.write(raw) }
                        }
                        try result.get()
                        offset = end
                    }
                    try writer.finish()
                    if Self.now() - start < best { (best, cpu) = (Self.now() - start, Self.cpu() - startCPU) }
                    size = writer.bytesWritten
                }
                let megabytes = Double(xml.count) / 1e6
                print(
                    "\(level) | \(workers) | \(String(format: "%.3f", best)) | \(String(format: "%.2f", cpu)) | "
                        + "\(Int(megabytes / best)) | "
                        + "\(String(format: "%.2f", Double(size) / 1e6)) | "
                        + "\(String(format: "%.2f", Double(size) * 100 / Double(xml.count)))")
            }
        }
    }
}
