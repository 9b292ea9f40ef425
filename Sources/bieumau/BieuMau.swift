import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `bieumau`: read, check, consolidate and convert the poverty-reduction reporting forms (DESIGN §5).
///
/// Exit codes: 0 ok, 1 findings of severity error, 2 usage, 3 an input could not be read.
@main
struct BieuMau: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bieumau",
        abstract:
            "Đọc, kiểm tra và tổng hợp biểu mẫu báo cáo giảm nghèo. (Read, check and consolidate poverty-reduction reporting forms.)",
        discussion: """
            Mã thoát (exit codes): 0 thành công (ok) · 1 có lỗi trong dữ liệu (findings of severity error) · \
            2 sai cú pháp lệnh (usage) · 3 không đọc được tệp đầu vào (an input could not be read).
            """,
        version: "0.1.0",
        subcommands: [
            Inspect.self, Cat.self, Convert.self, Validate.self, FormsCommand.self, Consolidate.self, Template.self,
        ]
    )

    /// Runs the command, mapping failures to the exit codes of the contract.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as InputFailure {
            Diagnostics.write("bieumau: \(failure.message)")
            terminate(ExitStatus.unreadableInput)
        } catch let failure as UsageFailure {
            Diagnostics.write("bieumau: \(failure.message)")
            terminate(ExitStatus.usage)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Diagnostics.write(fullMessage(for: error))
                terminate(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The exit codes of the contract (DESIGN §5).
enum ExitStatus {
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let unreadableInput: Int32 = 3
}

/// Progress and diagnostics go to stderr; stdout carries data only.
enum Diagnostics {
    static func write(_ line: String) {
        var bytes = Array(line.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        bytes.withUnsafeBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// Ends the process with a status (the global `exit`, which `ParsableCommand` shadows).
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
