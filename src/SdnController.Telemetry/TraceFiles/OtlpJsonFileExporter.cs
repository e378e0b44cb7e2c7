using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenTelemetry;

namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// Exports spans to a file, one OTLP/JSON ExportTraceServiceRequest per line per export batch: the format of
/// the OpenTelemetry Collector's file exporter, so the file can be replayed into any OTLP tool and
/// `sdnctl traces` reads files the collector wrote. The file is created (truncated) at construction, so
/// a path that cannot be written fails before the run.
/// </summary>
public sealed class OtlpJsonFileExporter : BaseExporter<Activity>
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _writer;
    // Reused across batches (exports are serialised by the batch processor's single thread).
    private readonly List<ScopeBatch> _scopes = [];
    private string? _writeError;

    public OtlpJsonFileExporter(string path)
    {
        _path = path;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new Utf8JsonWriter(_stream, WriterOptions);
    }

    /// <summary>The file the spans are written to, as given.</summary>
    public string FilePath => _path;

    /// <summary>Why writing failed, when it did; later batches are then not attempted.</summary>
    public string? WriteError => Volatile.Read(ref _writeError);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        if (WriteError is not null) return ExportResult.Failure;
        // A batch from the processor's queue can be enumerated once only: group while reading it.
        foreach (var s in _scopes) s.Spans.Clear();
        var any = false;
        foreach (var activity in batch)
        {
            BucketFor(activity.Source).Spans.Add(activity);
            any = true;
        }
        if (!any) return ExportResult.Success;
        try
        {
            var nonEmpty = new List<ScopeBatch>(_scopes.Count);
            foreach (var s in _scopes) if (s.Spans.Count > 0) nonEmpty.Add(s);
            _writer.Reset(_stream);
            OtlpJsonWriter.WriteRequest(_writer, ParentProvider?.GetResource().Attributes ?? [], nonEmpty);
            _writer.Flush();
            _stream.WriteByte((byte)'\n');
            _stream.Flush();
            return ExportResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _writeError, $"cannot write the trace file '{_path}': {e.Message}");
            return ExportResult.Failure;
        }
    }

    private ScopeBatch BucketFor(ActivitySource source)
    {
        foreach (var s in _scopes)
            if (ReferenceEquals(s.Source, source)) return s;
        var bucket = new ScopeBatch(source);
        _scopes.Add(bucket);
        return bucket;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }
}
