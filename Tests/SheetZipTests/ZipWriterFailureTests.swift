import Foundation
import Testing

@testable import SheetZip

#if canImport(Glibc)
    import Glibc
#endif

/// DESIGN §6: a failed or abandoned run leaves no half-written file, and the error names the path.
@Suite struct ZipWriterFailureTests {
    @Test func cancelRemovesTheTemporaryFile() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("book.xlsx")
        let writer = try ZipWriter(path: path)
        try writer.addEntry("a.xml", bytes: sampleXML(rows: 100))
        #expect(folder.contents.count == 1)
        #expect(folder.contents.first?.hasPrefix(".book.xlsx.tmp-") == true)
        writer.cancel()
        #expect(folder.contents.isEmpty)
        writer.cancel()  // twice is fine
        #expect(zipError { () throws(ZipError) in try writer.startEntry("b.xml") }?.code == .invalidUse)
        #expect(zipError { () throws(ZipError) in try writer.finish() }?.code == .invalidUse)
        #expect(folder.contents.isEmpty)
    }

    @Test(arguments: [true, false])
    func releasingAnUnfinishedWriterRemovesTheTemporaryFile(background: Bool) throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        do {
            let writer = try ZipWriter(
                path: folder.file("book.xlsx"), compressionLevel: 6, chunkSize: 4096, workers: background ? 2 : 0)
            try writer.startEntry("sheet.xml")
            try write(sampleXML(rows: 50_000), to: writer)  // the thread is still compressing when we let go
            #expect(folder.contents.count == 1)
        }
        #expect(folder.contents.isEmpty)
    }

    @Test func cancelAfterFinishKeepsTheArchive() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let writer = try ZipWriter(path: folder.file("kept.zip"))
        try writer.addEntry("a", bytes: [1])
        try writer.finish()
        writer.cancel()
        #expect(folder.contents == ["kept.zip"])
        #expect(zipError { () throws(ZipError) in try writer.finish() }?.code == .invalidUse)
    }

    @Test func missingFolderThrowsNamingThePathAndCreatesNothing() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("no-such-folder/book.xlsx")
        let error = zipError { () throws(ZipError) in try ZipWriter(path: path) }
        #expect(error?.code == .io)
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.message.contains("no-such-folder") == true)
        #expect(folder.contents.isEmpty)
    }

    @Test func folderThatIsAFileThrows() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("plain")))
        let error = zipError { () throws(ZipError) in try ZipWriter(path: folder.file("plain/book.xlsx")) }
        #expect(error?.code == .io)
        #expect(folder.contents == ["plain"])
    }

    @Test func readOnlyFolderThrowsAndLeavesNothing() throws {
        // root writes anywhere, so the check means nothing then.
        guard getuid() != 0 else { return }
        let folder = ScratchFolder()
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        chmod(folder.path, 0o555)
        let error = zipError { () throws(ZipError) in try ZipWriter(path: folder.file("book.xlsx")) }
        #expect(error?.code == .io)
        #expect(folder.contents.isEmpty)
    }

    @Test func pathNamingAFolderIsRejected() {
        let error = zipError { () throws(ZipError) in try ZipWriter(path: "some/folder/") }
        #expect(error?.code == .invalidUse)
    }

    /// A disk that fills up while an entry streams in: the error reaches the caller (from the compression thread
    /// when there is one), the temporary file goes, an existing file at the path stays as it was.
    @Test(arguments: [true, false])
    func fullDiskLeavesNoPartialFileAndKeepsTheOldOne(background: Bool) throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("book.xlsx")
        try Data("previous version".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try ZipWriter(path: path, compressionLevel: 1, chunkSize: 8192, workers: background ? 2 : 0)
        writer.output.simulatedDiskSize = 100_000
        let data = noise(count: 50_000, seed: 3)
        var failure: ZipError?
        do {
            try writer.startEntry("sheet.xml")
            for _ in 0..<20 { try write(data, to: writer) }
            try writer.finishEntry()
            try writer.finish()
        } catch {
            failure = error
        }
        #expect(failure?.code == .io)
        #expect(failure?.path == path)
        #expect(failure?.message.contains("No space left on device") == true, "\(String(describing: failure))")
        #expect(folder.contents == ["book.xlsx"])
        #expect(fileBytes(path) == Array("previous version".utf8))
        // The writer stays failed with the same error.
        #expect(zipError { () throws(ZipError) in try writer.startEntry("x") } == failure)
    }

    @Test func fullDiskWhileWritingTheCentralDirectory() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("book.xlsx")
        let writer = try ZipWriter(path: path)
        try writer.addEntry("a.xml", bytes: sampleXML(rows: 100))
        writer.output.simulatedDiskSize = writer.bytesWritten + 10
        let error = zipError { () throws(ZipError) in try writer.finish() }
        #expect(error?.code == .io)
        #expect(folder.contents.isEmpty)
    }

    @Test func misuseIsRejectedAndTheWriterStaysUsable() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("use.zip")
        #expect(zipError { () throws(ZipError) in try ZipWriter(path: path, compressionLevel: 12) }?.code == .invalidUse)
        #expect(folder.contents.isEmpty)

        let writer = try ZipWriter(path: path)
        #expect(zipError { () throws(ZipError) in try write([1, 2], to: writer) }?.code == .invalidUse)
        #expect(zipError { () throws(ZipError) in try writer.finishEntry() }?.code == .invalidUse)
        #expect(zipError { () throws(ZipError) in try writer.startEntry("") }?.code == .invalidUse)
        let long = String(repeating: "n", count: 70_000)
        #expect(zipError { () throws(ZipError) in try writer.startEntry(long) }?.code == .invalidUse)
        try writer.addEntry("a.xml", bytes: [1])
        let duplicate = zipError { () throws(ZipError) in try writer.addEntry("a.xml", bytes: [2]) }
        #expect(duplicate?.code == .invalidUse)
        #expect(duplicate?.entry == "a.xml")
        try writer.finish()
        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == ["a.xml"])
        #expect(try archive.contents(ofEntryNamed: "a.xml") == [1])
    }
}
