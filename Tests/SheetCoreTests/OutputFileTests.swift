import Foundation
import SheetCore
import Testing

@Suite("Output files written under a temporary name")
struct OutputFileTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "bieumau-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    @Test func appearsUnderItsNameOnlyWhenCommitted() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try OutputFile(path: dir + "/xa.csv")
        try output.write(Array("STT,Đơn vị\n".utf8))
        #expect(try contents(dir).count == 1)
        #expect(try contents(dir).first?.hasPrefix(".xa.csv.tmp-") == true)
        try output.commit(replacing: false)
        #expect(try contents(dir) == ["xa.csv"])
        #expect(try String(contentsOfFile: dir + "/xa.csv", encoding: .utf8) == "STT,Đơn vị\n")
    }

    @Test func neverReplacesAnExistingFileUnlessAsked() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/xa.csv"))
        let refused = try OutputFile(path: dir + "/xa.csv")
        try refused.write(Array("new".utf8))
        #expect(throws: FileError.self) { try refused.commit(replacing: false) }
        #expect(try String(contentsOfFile: dir + "/xa.csv", encoding: .utf8) == "old")
        #expect(try contents(dir) == ["xa.csv"])
        let replacing = try OutputFile(path: dir + "/xa.csv")
        try replacing.write(Array("new".utf8))
        try replacing.commit(replacing: true)
        #expect(try String(contentsOfFile: dir + "/xa.csv", encoding: .utf8) == "new")
        #expect(try contents(dir) == ["xa.csv"])
    }

    @Test func leavesNothingWhenDiscardedOrReleased() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let discarded = try OutputFile(path: dir + "/a.csv")
        try discarded.write(Array("x".utf8))
        discarded.discard()
        discarded.discard()
        do {
            let released = try OutputFile(path: dir + "/b.csv")
            try released.write(Array("y".utf8))
        }
        #expect(try contents(dir).isEmpty)
    }

    @Test func refusesAMissingFolderAndAPathWithoutAName() {
        #expect(throws: FileError.self) { try OutputFile(path: "/nonexistent-bieumau-folder/x.csv") }
        do {
            _ = try OutputFile(path: NSTemporaryDirectory())
            Issue.record("a folder path was accepted as a file")
        } catch {
            #expect(error.code == .notWritable)
        }
    }
}
