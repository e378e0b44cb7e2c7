using System.Runtime.InteropServices;

namespace SdnController.RealHosts;

/// <summary>
/// Ctrl-C, SIGTERM and process exit remove the live sets' namespaces before the process goes; the signal's
/// default action (ending the process) still follows. A SIGKILL or power cut leaves them to the next start's sweep.
/// </summary>
internal static class EmergencyCleanup
{
    private static readonly Lock Gate = new();
    private static readonly List<RealHostSet> Live = new();
    private static PosixSignalRegistration? _interrupt, _terminate, _hangup;

    public static void Register(RealHostSet set)
    {
        lock (Gate)
        {
            Live.Add(set);
            if (_interrupt is not null) return;
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => CleanAll());
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => CleanAll());
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => CleanAll());
            AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanAll();
        }
    }

    public static void Unregister(RealHostSet set)
    {
        lock (Gate) Live.Remove(set);
    }

    private static void CleanAll()
    {
        RealHostSet[] sets;
        lock (Gate) sets = Live.ToArray();
        foreach (var s in sets) s.Dispose();
    }
}
