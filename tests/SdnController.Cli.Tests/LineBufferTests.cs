using SdnController.Cli.Shell;
using SdnController.Scenarios.Interactive;

namespace SdnController.Cli.Tests;

[TestFixture]
public class LineBufferTests
{
    private static LineBuffer Typed(string text)
    {
        var b = new LineBuffer();
        foreach (var c in text) b.Insert(c);
        return b;
    }

    [Test]
    public void Cursor_moves_and_edits_in_place()
    {
        var b = Typed("pngall");
        b.Home();
        b.Right();
        b.Insert('i');
        Assert.That((b.Text, b.Cursor), Is.EqualTo(("pingall", 2)));
        b.End();
        b.Backspace();
        Assert.That(b.Text, Is.EqualTo("pingal"));
        b.Left();
        b.Left();
        b.Delete();
        Assert.That((b.Text, b.Cursor), Is.EqualTo(("pingl", 4)));
        b.ClearToEnd();
        Assert.That(b.Text, Is.EqualTo("ping"));
        b.Left();
        b.ClearToStart();
        Assert.That((b.Text, b.Cursor), Is.EqualTo(("g", 0)));
        b.Backspace();
        b.Left();
        Assert.That((b.Text, b.Cursor), Is.EqualTo(("g", 0)), "nothing before the start");
    }

    [Test]
    public void History_walks_up_and_down_and_keeps_the_draft()
    {
        var b = new LineBuffer();
        foreach (var line in new[] { "nodes", "net", "net", " " })
        {
            foreach (var c in line) b.Insert(c);
            b.Accept();
        }
        Assert.That(b.History, Is.EqualTo(new[] { "nodes", "net" }), "blank lines and repeats are not kept");
        b.Insert('p');
        b.HistoryPrevious();
        Assert.That(b.Text, Is.EqualTo("net"));
        b.HistoryPrevious();
        b.HistoryPrevious();
        Assert.That(b.Text, Is.EqualTo("nodes"));
        b.HistoryNext();
        Assert.That(b.Text, Is.EqualTo("net"));
        b.HistoryNext();
        Assert.That((b.Text, b.Cursor), Is.EqualTo(("p", 1)), "back to the draft");
    }

    [Test]
    public void Tab_completes_one_candidate_extends_a_common_prefix_or_lists_the_choices()
    {
        var topology = SdnController.Topology.TopologyFileLoader.Load(CliRunner.Repo("topologies/ring-6.yaml"), new(), new())!;
        var completion = new ShellCompletion(topology);
        var b = Typed("pinga");
        Assert.That(b.Complete(completion), Is.Empty);
        Assert.That(b.Text, Is.EqualTo("pingall "));

        b = Typed("li");
        Assert.That(b.Complete(completion), Is.Empty);
        Assert.That(b.Text, Is.EqualTo("link"), "extended to the common prefix of link and links");
        Assert.That(b.Complete(completion), Is.EqualTo(new[] { "link", "links" }), "nothing more to add: list them");

        b = Typed("link s1 s");
        Assert.That(b.Complete(completion), Is.EqualTo(new[] { "s2", "s6" }));
        b.Insert('6');
        b.Complete(completion);
        b.Insert('d');
        b.Complete(completion);
        Assert.That(b.Text, Is.EqualTo("link s1 s6 down "));
    }
}
