namespace SdnController.Testing;

/// <summary>Writes a classic pcap file (microsecond timestamps, little-endian) from frames, for tests of capture readers.</summary>
public static class TestPcap
{
    public static void Write(string path, IEnumerable<byte[]> frames, uint linkType = 1, long startMicros = 1_700_000_000_000_000, long stepMicros = 1000)
    {
        using var file = File.Create(path);
        using var w = new BinaryWriter(file);
        w.Write(0xA1B2C3D4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(linkType);
        var t = startMicros;
        foreach (var frame in frames)
        {
            w.Write((uint)(t / 1_000_000));
            w.Write((uint)(t % 1_000_000));
            w.Write((uint)frame.Length);
            w.Write((uint)frame.Length);
            w.Write(frame);
            t += stepMicros;
        }
    }
}
