using SdnController.Topology.Yaml;

namespace SdnController.Topology.Tests.Yaml;

public class UnitsTests
{
    [TestCase("10Gbps", 10e9)]
    [TestCase("10 gbps", 10e9)]
    [TestCase("1.5Gbit/s", 1.5e9)]
    [TestCase("100Mbps", 100e6)]
    [TestCase("100 Mbit/s", 100e6)]
    [TestCase("64kbps", 64e3)]
    [TestCase("64KBPS", 64e3)]
    [TestCase("9600bps", 9600)]
    [TestCase("1Tbps", 1e12)]
    [TestCase("1e3Mbps", 1e9)]
    [TestCase("100", 100e6)]
    [TestCase("0.5", 0.5e6)]
    [TestCase("1.1Gbps", 1.1e9)]
    public void ParsesBandwidth(string text, double bps)
    {
        Assert.That(Units.TryParseBandwidth(text, out var v, out var error), Is.True, error);
        Assert.That(v, Is.EqualTo(bps));
    }

    [TestCase("", "expected a bandwidth")]
    [TestCase("fast", "expected a bandwidth")]
    [TestCase("10Gbs", "unknown unit")]
    [TestCase("10 GB/s", "unknown unit")]
    [TestCase("0", "greater than 0")]
    [TestCase("-1Gbps", "greater than 0")]
    [TestCase("1e999Gbps", "finite")]
    [TestCase("1e", "unknown unit")]
    public void RejectsBandwidth(string text, string fragment)
    {
        Assert.That(Units.TryParseBandwidth(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(fragment));
    }

    [TestCase("2ms", 2.0)]
    [TestCase("2 MS", 2.0)]
    [TestCase("500us", 0.5)]
    [TestCase("500µs", 0.5)]
    [TestCase("500\u03bcs", 0.5)]
    [TestCase("250ns", 0.00025)]
    [TestCase("1.5s", 1500.0)]
    [TestCase("0", 0.0)]
    [TestCase("0ms", 0.0)]
    [TestCase("7", 7.0)]
    public void ParsesLatency(string text, double ms)
    {
        Assert.That(Units.TryParseLatency(text, out var v, out var error), Is.True, error);
        Assert.That(v, Is.EqualTo(ms));
    }

    [TestCase("-1ms", "0 or more")]
    [TestCase("2 parsecs", "unknown unit")]
    [TestCase("ms", "expected a latency")]
    [TestCase("1e400s", "finite")]
    public void RejectsLatency(string text, string fragment)
    {
        Assert.That(Units.TryParseLatency(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(fragment));
    }

    [TestCase(10e9, "10Gbps")]
    [TestCase(1.5e9, "1.5Gbps")]
    [TestCase(100e6, "100Mbps")]
    [TestCase(64e3, "64kbps")]
    [TestCase(9600, "9.6kbps")]
    [TestCase(12, "12bps")]
    [TestCase(2e12, "2Tbps")]
    [TestCase(0, "0bps")]
    public void FormatsBandwidth(double bps, string text) => Assert.That(Units.FormatBandwidth(bps), Is.EqualTo(text));

    [TestCase(2.5, "2.5ms")]
    [TestCase(0.5, "500us")]
    [TestCase(2000, "2s")]
    [TestCase(0.00025, "250ns")]
    [TestCase(1, "1ms")]
    [TestCase(0, "0ms")]
    public void FormatsLatency(double ms, string text) => Assert.That(Units.FormatLatency(ms), Is.EqualTo(text));

    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(1e-7, "0.0000001")]
    [TestCase(-1.25e-6, "-0.00000125")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(1.5e16, "15000000000000000")]
    [TestCase(-4.89, "-4.89")]
    [TestCase(-0.0, "0")]
    [TestCase(52.37, "52.37")]
    public void FormatsNumbersExactlyWithoutExponent(double value, string text) =>
        Assert.That(Units.FormatNumber(value), Is.EqualTo(text));

    [Test]
    public void FormattingRefusesValuesNoFileCanState()
    {
        Assert.Throws<ArgumentException>(() => Units.FormatNumber(double.NaN));
        Assert.Throws<ArgumentException>(() => Units.FormatBandwidth(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => Units.FormatLatency(double.NaN));
    }

    [Test]
    public void FormattedNumbersParseBackExactly()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            var text = Units.FormatNumber(v);
            Assert.That(text, Does.Not.Contain("E"));
            Assert.That(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(v), text);
        }
    }

    [Test]
    public void FormattedValuesParseBackExactly()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            // Awkward values on purpose: random mantissas across many magnitudes.
            var bps = random.NextDouble() * Math.Pow(10, random.Next(0, 15)) + double.Epsilon;
            Assert.That(Units.TryParseBandwidth(Units.FormatBandwidth(bps), out var back, out var e1), Is.True, e1);
            Assert.That(back, Is.EqualTo(bps), Units.FormatBandwidth(bps));

            var ms = random.NextDouble() * Math.Pow(10, random.Next(-7, 6));
            Assert.That(Units.TryParseLatency(Units.FormatLatency(ms), out var backMs, out var e2), Is.True, e2);
            Assert.That(backMs, Is.EqualTo(ms), Units.FormatLatency(ms));
        }
    }
}
