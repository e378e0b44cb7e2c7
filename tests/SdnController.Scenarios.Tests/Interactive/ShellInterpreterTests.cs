using SdnController.Scenarios.Interactive;

namespace SdnController.Scenarios.Tests.Interactive;

[TestFixture]
public class ShellInterpreterTests
{
    private static (ShellInterpreter, StringWriter, NetworkSession) Shell()
    {
        var session = NetworkSession.Start(RunHarness.Sample("ring-6"));
        var output = new StringWriter();
        return (new ShellInterpreter(session, output), output, session);
    }

    [Test]
    public void Lines_run_commands_and_bad_lines_are_rejected_without_stopping_the_shell()
    {
        var (shell, output, session) = Shell();
        using (session)
        {
            Assert.That(shell.Execute("   # a comment").Kind, Is.EqualTo(ShellLineKind.Blank));
            Assert.That(shell.Execute("lnk s1 s2 down"), Is.EqualTo(ShellLineResult.Rejected("unknown command 'lnk'; did you mean 'link'?")));
            Assert.That(shell.Execute("frobnicate").Error, Is.EqualTo("unknown command 'frobnicate'; type 'help' for the list"));
            Assert.That(shell.Execute("link s1 s2 sideways").Error, Is.EqualTo("link: expected 'down' or 'up', found 'sideways'; usage: link A B down|up [silent]"));
            Assert.That(shell.Execute("link s1 s2 up silent").Error, Does.Contain("only a failure can be silent"));
            Assert.That(shell.Execute("ping h1").Error, Does.Contain("expected two hosts"));
            Assert.That(shell.Execute("ping h1 h2 -c x").Error, Does.Contain("-c needs a number"));
            Assert.That(shell.Execute("wait soon").Error, Does.StartWith("wait: the time expected a time"));
            Assert.That(shell.Execute("trace first").Error, Does.Contain("expected 'last'"));
            Assert.That(output.ToString(), Is.Empty, "rejected lines print nothing on the output");

            Assert.That(shell.Execute("link s2 s3 down silent").Kind, Is.EqualTo(ShellLineKind.Done));
            Assert.That(output.ToString(), Does.Contain("link s2-s3 down (silent)"));
            Assert.That(output.ToString(), Does.Contain("detected by keepalive-timeout"));
            Assert.That(shell.Execute("h1 ping h4").Kind, Is.EqualTo(ShellLineKind.Done), "Mininet's form");
            Assert.That(output.ToString(), Does.Contain("1 packets transmitted, 1 received, 0% packet loss"));
            Assert.That(shell.Execute("wait 250ms").Kind, Is.EqualTo(ShellLineKind.Done));
            Assert.That(output.ToString(), Does.Contain("*** waited 250 ms; t="));
            Assert.That(shell.Execute("help link").Kind, Is.EqualTo(ShellLineKind.Done));
            Assert.That(output.ToString(), Does.Contain("link A B down|up [silent]: "));
            Assert.That(shell.Execute("quit").Kind, Is.EqualTo(ShellLineKind.Exit));
        }
    }
}
