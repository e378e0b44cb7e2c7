namespace SdnController.Telemetry.TraceFiles;

/// <summary>A problem in a trace file; <see cref="Line"/> 0 means the file as a whole (e.g. it cannot be read). Columns are 1-based characters.</summary>
public sealed record TraceFileError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: error: {Message}" : $"error: {Message}";
}
