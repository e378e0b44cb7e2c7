using SdnController.Cli.Input;
using System.Diagnostics;
using SdnController.Capture;
using SdnController.Classification;
using SdnController.Classification.Decoding;

namespace SdnController.Cli.Commands.ClassifyBench;

/// <summary>
/// Times our classifier on one thread: reading the file through SharpPcap and classifying every frame, and
/// classifying alone from frames already in memory. A fresh <see cref="Classifier"/> per run (flows learnt in
/// one run would make the next faster).
/// </summary>
internal sealed class ClassifierTiming
{
    private byte[] _bytes = [];
    private int[] _offsets = [];
    private long[] _micros = [];
    private int _count;
    private LinkType _link = LinkType.Ethernet;

    public long Packets => _count;
    public long Bytes { get; private set; }

    /// <summary>Read + classify; returns seconds and the classifier (for its flow count and checks).</summary>
    public static (double Seconds, Classifier Classifier) ReadAndClassify(string file)
    {
        // A file, counted as ndpiReader counts it (and as classify --pcap does): no idle expiry.
        var classifier = new Classifier(ClassifierOptions.WholeCapture);
        var start = Stopwatch.GetTimestamp();
        PcapFileReader.Read(file, (frame, link, micros, wire) => classifier.Process(frame, link, micros, wire));
        return (Stopwatch.GetElapsedTime(start).TotalSeconds, classifier);
    }

    /// <summary>Loads every frame of <paramref name="file"/> into one array (not timed).</summary>
    public void Load(string file)
    {
        var size = new FileInfo(file).Length;
        if (size > int.MaxValue) throw new UsageException($"{file}: {size / 1e9:F1} GB does not fit the in-memory timing (2 GB at most); use a smaller --repeat");
        _bytes = new byte[size];   // frames are never larger than the file
        _offsets = new int[1024];
        _micros = new long[1024];
        var used = 0;
        PcapFileReader.Read(file, (frame, link, micros, wire) =>
        {
            if (_count + 1 >= _offsets.Length)
            {
                Array.Resize(ref _offsets, _offsets.Length * 2);
                Array.Resize(ref _micros, _micros.Length * 2);
            }
            _link = link;
            frame.CopyTo(_bytes.AsSpan(used));
            _offsets[_count] = used;
            _micros[_count] = micros;
            used += frame.Length;
            _count++;
        });
        _offsets[_count] = used;
        Bytes = used;
    }

    /// <summary>Classifies the loaded frames; returns seconds and the classifier.</summary>
    public (double Seconds, Classifier Classifier) ClassifyLoaded()
    {
        var classifier = new Classifier(ClassifierOptions.WholeCapture);
        var bytes = _bytes;
        var offsets = _offsets;
        var micros = _micros;
        var link = _link;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < _count; i++)
            classifier.Process(bytes.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), link, micros[i]);
        return (Stopwatch.GetElapsedTime(start).TotalSeconds, classifier);
    }
}
