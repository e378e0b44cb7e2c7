using SdnController.Scenarios.Interactive;

namespace SdnController.Scenarios.Tests.Interactive;

[TestFixture]
public class ShellCompletionTests
{
    private static readonly ShellCompletion Completion = new(RunHarness.Sample("ring-6"));

    private static IReadOnlyList<string> At(string line) => Completion.Complete(line, line.Length).Candidates;

    [Test]
    public void The_first_word_completes_to_commands()
    {
        Assert.That(At("p"), Is.EqualTo(new[] { "ping", "pingall", "policy" }));
        Assert.That(Completion.Complete("pi", 2).CommonPrefix, Is.EqualTo("ping"));
        Assert.That(At("po"), Is.EqualTo(new[] { "policy" }));
        Assert.That(At("li"), Is.EqualTo(new[] { "link", "links" }));
        Assert.That(At("tr"), Is.EqualTo(new[] { "trace" }));
        Assert.That(At("zz"), Is.Empty);
        Assert.That(At("").Count, Is.EqualTo(ShellCommandTable.All.Count));
    }

    [Test]
    public void Later_words_complete_to_what_the_command_takes()
    {
        Assert.That(At("link "), Is.EqualTo(new[] { "s1", "s2", "s3", "s4", "s5", "s6" }));
        Assert.That(At("link s1 "), Is.EqualTo(new[] { "s2", "s6" }), "the second switch is a neighbour of the first");
        Assert.That(At("link s1 s2 "), Is.EqualTo(new[] { "down", "up" }));
        Assert.That(At("link s1 s2 d"), Is.EqualTo(new[] { "down" }));
        Assert.That(At("link s1 s2 down "), Is.EqualTo(new[] { "silent" }));
        Assert.That(At("link s1 s2 up "), Is.Empty);
        Assert.That(At("switch s"), Has.Count.EqualTo(6));
        Assert.That(At("switch s3 "), Is.EqualTo(new[] { "down", "up" }));
        Assert.That(At("ping h"), Has.Count.EqualTo(6));
        Assert.That(At("ping -c "), Is.Empty, "a count, not a name");
        Assert.That(At("h1 ping h"), Has.Count.EqualTo(6));
        Assert.That(At("routes h1 h4"), Is.EqualTo(new[] { "h4" }));
        Assert.That(At("flows "), Has.Count.EqualTo(6));
        Assert.That(At("trace "), Is.EqualTo(new[] { "last" }));
        Assert.That(At("help fl"), Is.EqualTo(new[] { "flows" }));
        Assert.That(At("pingall "), Is.Empty);
    }

    [Test]
    public void The_word_under_the_cursor_is_what_gets_replaced()
    {
        var r = Completion.Complete("link s1 s  down", 9);
        Assert.That(r.Start, Is.EqualTo(8));
        Assert.That(r.Word, Is.EqualTo("s"));
        Assert.That(r.Candidates, Is.EqualTo(new[] { "s2", "s6" }));
    }
}
