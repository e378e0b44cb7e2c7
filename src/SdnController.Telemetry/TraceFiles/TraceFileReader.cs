using System.Text;
using System.Text.Json;

namespace SdnController.Telemetry.TraceFiles;

/// <summary>What a trace file held: its spans in file order, and every malformed line's error.</summary>
public sealed record TraceFileContents(IReadOnlyList<TraceSpan> Spans, IReadOnlyList<TraceFileError> Errors);

/// <summary>
/// Reads OTLP JSON trace files: one ExportTraceServiceRequest per line, from sdnctl or any other producer
/// (the collector's file exporter: several resourceSpans and scopeSpans per line, 64-bit integers as
/// strings or numbers, enums as integers or names, proto field names in either spelling). Blank lines are
/// skipped; a malformed line is reported at its line and column and skipped, the rest is still read.
/// </summary>
public static class TraceFileReader
{
    public static TraceFileContents Read(string path)
    {
        var spans = new List<TraceSpan>();
        var errors = new List<TraceFileError>();
        IEnumerable<string> lines;
        try
        {
            // Open now so a missing file is reported here, not on first enumeration.
            var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            lines = ReadLines(reader);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.Add(new TraceFileError(path, 0, 0, $"cannot read '{path}': no such file"));
            return new TraceFileContents(spans, errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add(new TraceFileError(path, 0, 0, $"cannot read '{path}': {e.Message}"));
            return new TraceFileContents(spans, errors);
        }

        var number = 0;
        try
        {
            foreach (var line in lines)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var bytes = Encoding.UTF8.GetBytes(line);
                var before = spans.Count;
                try
                {
                    OtlpJsonLineParser.Parse(bytes, number, spans);
                }
                catch (TraceLineException e)
                {
                    spans.RemoveRange(before, spans.Count - before); // a bad line contributes nothing
                    errors.Add(new TraceFileError(path, number, Column(bytes, e.ByteIndex), e.Message));
                }
                catch (JsonException e)
                {
                    spans.RemoveRange(before, spans.Count - before);
                    errors.Add(new TraceFileError(path, number, Column(bytes, e.BytePositionInLine ?? 0), "invalid JSON: " + JsonMessage(e)));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new TraceFileError(path, 0, 0, $"cannot read '{path}': {e.Message}"));
        }
        return new TraceFileContents(spans, errors);
    }

    private static IEnumerable<string> ReadLines(StreamReader reader)
    {
        using (reader)
        {
            while (reader.ReadLine() is { } line) yield return line;
        }
    }

    // Columns count characters as editors do, not UTF-8 bytes.
    private static int Column(byte[] line, long byteIndex)
    {
        var n = (int)Math.Clamp(byteIndex, 0, line.Length);
        return Encoding.UTF8.GetCharCount(line, 0, n) + 1;
    }

    // System.Text.Json appends " Path: $ | LineNumber: 0 | BytePositionInLine: 12." — our location says that already.
    private static string JsonMessage(JsonException e)
    {
        var m = e.Message;
        var cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        m = cut < 0 ? m : m[..cut];
        return m.TrimEnd().TrimEnd('.');
    }
}

/// <summary>A well-formed JSON line that is not a valid OTLP trace request; the index is of the offending token.</summary>
internal sealed class TraceLineException(long byteIndex, string message) : Exception(message)
{
    public long ByteIndex { get; } = byteIndex;
}
