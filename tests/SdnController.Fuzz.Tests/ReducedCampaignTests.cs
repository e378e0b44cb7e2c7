using SdnController.Fuzz.Cli;
using SdnController.Fuzz.Files;
using SdnController.Fuzz.Frames;

namespace SdnController.Fuzz.Tests;

/// <summary>
/// The campaigns of tools/fuzz in a reduced, seeded form (docs/reliability.md has the full runs): the same mutators and
/// judges, fewer cases. A failure message names the case index and the saved input, as the tool prints them.
/// </summary>
[TestFixture]
public class ReducedCampaignTests
{
    private static readonly string OutDir = Path.Combine(Path.GetTempPath(), $"sdnfuzz-tests-{Environment.ProcessId}");

    [Test]
    public void Mutated_files_are_rejected_with_located_errors_or_accepted_never_crash_or_hang()
    {
        var report = new FileFuzzer(FileSeeds.Load(), OutDir) { OnDiskEvery = 25 }.Run(seed: 8, count: 1_000);
        Assert.That(report.Failures, Is.Empty, string.Join("\n", report.Failures));
        Assert.That(report.Files, Is.EqualTo(1_000));
        Assert.That(report.Crashes + report.Hangs + report.BadDiagnostics, Is.Zero);
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        Assert.That(report.Rejected, Is.GreaterThan(100));
        Assert.That(report.Accepted, Is.GreaterThan(10));
        TestContext.Out.WriteLine(string.Join("\n", report.Lines()));
    }

    [Test]
    public void Mutated_frames_raise_no_exception_in_classifier_switch_or_any_function()
    {
        var report = new FrameFuzzer(FrameSeeds.Load(), OutDir) { RenewEvery = 50_000 }.Run(seed: 8, count: 150_000);
        Assert.That(report.Failures, Is.Empty, string.Join("\n", report.Failures));
        Assert.That(report.Exceptions, Is.Zero);
        Assert.That(report.PerTarget, Is.All.EqualTo(150_000L));
        // The mutations reach every verdict: decoded and undecoded frames, switch and function drops.
        Assert.That(report.ClassifierUndecoded, Is.InRange(1L, 149_999L));
        Assert.That(report.SwitchDropped, Is.GreaterThan(0));
        Assert.That(report.NfvDropped, Is.GreaterThan(0));
        TestContext.Out.WriteLine(string.Join("\n", report.Lines()));
    }

    [Test]
    public void Garbage_shell_lines_and_argv_get_a_message_and_a_defined_exit_code()
    {
        var report = new CliFuzzer(CliFuzzer.DefaultSdnctl(), OutDir).Run(seed: 8, shellLines: 200, argvRuns: 6);
        Assert.That(report.Failures, Is.Empty, string.Join("\n", report.Failures));
        Assert.That(report.ShellLines, Is.EqualTo(200));
        Assert.That(report.StackTraces + report.Hangs, Is.Zero);
        TestContext.Out.WriteLine(string.Join("\n", report.Lines()));
    }

    [Test]
    public void A_case_is_a_function_of_seed_and_index_alone()
    {
        var files = new FileFuzzer(FileSeeds.Load(includeZoo: false), OutDir);
        Assert.That(files.Case(5, 1234).Text, Is.EqualTo(files.Case(5, 1234).Text));
        Assert.That(files.Case(5, 1234).Text, Is.Not.EqualTo(files.Case(5, 1235).Text));
        var frames = new FrameFuzzer(FrameSeeds.Load(includeCaptures: false), OutDir);
        Assert.That(frames.Case(5, 99).Bytes, Is.EqualTo(frames.Case(5, 99).Bytes));
    }
}
