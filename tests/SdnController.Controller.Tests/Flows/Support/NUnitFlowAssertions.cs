using Akka.TestKit;

namespace SdnController.Controller.Tests.Flows.Support;

/// <summary>Akka.TestKit's assertion hooks mapped onto NUnit (Akka.TestKit.NUnit is not available).</summary>
internal sealed class NUnitFlowAssertions : ITestKitAssertions
{
    public void Fail(string format = "", params object[] args) => Assert.Fail(Format(format, args));
    public void AssertTrue(bool condition, string format = "", params object[] args) => Assert.That(condition, Is.True, Format(format, args));
    public void AssertFalse(bool condition, string format = "", params object[] args) => Assert.That(condition, Is.False, Format(format, args));
    public void AssertEqual<T>(T expected, T actual, string format = "", params object[] args) => Assert.That(actual, Is.EqualTo(expected), Format(format, args));
    public void AssertEqual<T>(T expected, T actual, Func<T, T, bool> comparer, string format = "", params object[] args) =>
        Assert.That(comparer(expected, actual), Is.True, $"expected {expected}, got {actual}. {Format(format, args)}");

    public Exception AssertThrows(Action action) => Assert.Throws(Is.InstanceOf<Exception>(), () => action())!;
    public TException AssertThrows<TException>(Action action) where TException : Exception => Assert.Throws<TException>(() => action())!;

    public async Task<Exception> AssertThrowsAsync(Func<Task> action)
    {
        try { await action(); }
        catch (Exception e) { return e; }
        Assert.Fail("expected an exception");
        throw new InvalidOperationException("unreachable");
    }

    public async Task<TException> AssertThrowsAsync<TException>(Func<Task> action) where TException : Exception
    {
        var e = await AssertThrowsAsync(action);
        Assert.That(e, Is.InstanceOf<TException>());
        return (TException)e;
    }

    private static string Format(string format, object[] args) => args is { Length: > 0 } ? string.Format(format, args) : format;
}
