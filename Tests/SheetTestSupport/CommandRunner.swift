import Foundation

/// Runs the built `bieumau` binary as a user would, capturing stdout, stderr and the exit code.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String
    public var seconds: Double

    public var output: String { String(decoding: stdout, as: UTF8.self) }
}

public enum BieuMauBinary {
    /// The `bieumau` built beside the running test bundle (`swift test` builds it: CLITests depends on it).
    public static var url: URL? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent("bieumau")]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("bieumau"))
        }
        for product in Bundle.allBundles.map(\.bundleURL) {
            candidates.append(product.deletingLastPathComponent().appendingPathComponent("bieumau"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `bieumau` with arguments, from the repository root, with a deadline.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 30) throws
        -> CommandResult
    {
        guard let binary = url else { throw RunError(message: "the bieumau binary was not found beside the tests") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = TestPaths.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let started = Date()
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        nonisolated(unsafe) var stdoutData = Data()
        nonisolated(unsafe) var stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stdoutData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw RunError(message: "bieumau \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: stdoutData, stderr: String(decoding: stderrData, as: UTF8.self),
            seconds: Date().timeIntervalSince(started))
    }

    public struct RunError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
