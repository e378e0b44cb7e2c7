using System.Globalization;
using System.Text.Json;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// A <c>real: true</c> host of the run: the Linux namespace it became, the veth whose switch side the network opened,
/// and the frames that crossed it — from the host (captured and sent into the access link) and to it (injected).
/// </summary>
public sealed record RealHostReport(string Host, string Namespace, string Veth, long FramesFromHost, long FramesToHost);

internal static class RealHostReports
{
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<RealHostReport> hosts)
    {
        w.WriteStartArray("real_hosts");
        foreach (var h in hosts)
        {
            w.WriteStartObject();
            w.WriteString("host", h.Host);
            w.WriteString("namespace", h.Namespace);
            w.WriteString("veth", h.Veth);
            w.WriteNumber("frames_from_host", h.FramesFromHost);
            w.WriteNumber("frames_to_host", h.FramesToHost);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteText(TextWriter o, IReadOnlyList<RealHostReport> hosts)
    {
        if (hosts.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"  real hosts: {hosts.Count}");
        foreach (var h in hosts)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {h.Host}: namespace {h.Namespace} (veth {h.Veth}): {h.FramesFromHost} frames from the host, {h.FramesToHost} to it"));
    }
}
