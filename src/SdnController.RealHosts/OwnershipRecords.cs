using System.Globalization;

namespace SdnController.RealHosts;

/// <summary>
/// Which namespaces this tool created, and for which process: one small file per namespace under
/// /run/sdnctl/realhosts (tmpfs, emptied at boot like the namespaces themselves). Cleanup of a crashed
/// run's leftovers only touches namespaces recorded here whose process is gone, so a namespace someone
/// else made — even with our prefix — is never removed, and neither is a live concurrent run's.
/// </summary>
internal sealed class OwnershipRecords(string directory)
{
    public const string DefaultDirectory = "/run/sdnctl/realhosts";

    public string Directory { get; } = directory;

    public readonly record struct Record(string Namespace, string Veth, int Pid, long StartTime);

    public void Write(RealHostNames names)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var pid = Environment.ProcessId;
        File.WriteAllText(PathOf(names.Namespace),
            $"veth={names.Veth}\npid={pid.ToString(CultureInfo.InvariantCulture)}\nstart={ProcessStartTime(pid).ToString(CultureInfo.InvariantCulture)}\n");
    }

    public void Remove(string ns)
    {
        try
        {
            File.Delete(PathOf(ns));
        }
        catch (IOException)
        {
            // Best effort: a record left behind points at a namespace that no longer exists; the next sweep drops it.
        }
    }

    public Record? Find(string ns)
    {
        var path = PathOf(ns);
        if (!File.Exists(path)) return null;
        string? veth = null;
        int pid = 0;
        long start = -1;
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            var key = line[..eq];
            var value = line[(eq + 1)..];
            if (key == "veth") veth = value;
            else if (key == "pid") int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out pid);
            else if (key == "start") long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out start);
        }
        return veth is null || pid <= 0 ? null : new Record(ns, veth, pid, start);
    }

    public List<Record> All()
    {
        var result = new List<Record>();
        if (!System.IO.Directory.Exists(Directory)) return result;
        foreach (var file in System.IO.Directory.GetFiles(Directory))
            if (Find(Path.GetFileName(file)) is { } r) result.Add(r);
        return result;
    }

    /// <summary>Is the process that wrote the record still running (same pid and the same start time, so not a reused pid)?</summary>
    public static bool IsAlive(Record r) => r.StartTime >= 0 && ProcessStartTime(r.Pid) == r.StartTime;

    private string PathOf(string ns) => Path.Combine(Directory, ns);

    /// <summary>Field 22 of /proc/PID/stat (clock ticks since boot), or -1 when there is no such process.</summary>
    internal static long ProcessStartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0) return -1;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
    }
}
