namespace SdnController.Paths.Tests;
public class Smoke { [Test] public void Runs() => Assert.That(1 + 1, Is.EqualTo(2)); }
