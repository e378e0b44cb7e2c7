namespace SdnController.Classification.Detection;

/// <summary>
/// What one flow's inspection tells about other flows: the data connections FTP control channels announced, and
/// the endpoints seen speaking BitTorrent (peers reuse their port for uTP, DHT and TCP, as nDPI's cache assumes).
/// </summary>
internal sealed class InspectionContext
{
    private readonly HashSet<(UInt128 Address, ushort Port)> _ftpData = [];
    private readonly HashSet<(UInt128 Address, ushort Port)> _bitTorrentPeers = [];

    /// <summary>Bounds memory on a long live capture; the oldest expectations simply stop being honoured.</summary>
    private const int MaxEntries = 65536;

    public void ExpectFtpData(UInt128 address, ushort port)
    {
        if (_ftpData.Count >= MaxEntries) _ftpData.Clear();
        _ftpData.Add((address, port));
    }

    public bool IsExpectedFtpData(UInt128 address, ushort port) => _ftpData.Count > 0 && _ftpData.Contains((address, port));

    public void BitTorrentPeer(UInt128 address, ushort port)
    {
        if (_bitTorrentPeers.Count >= MaxEntries) _bitTorrentPeers.Clear();
        _bitTorrentPeers.Add((address, port));
    }

    public bool IsBitTorrentPeer(UInt128 address, ushort port) => _bitTorrentPeers.Count > 0 && _bitTorrentPeers.Contains((address, port));
}
