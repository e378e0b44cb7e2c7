namespace SdnController.Cli;

/// <summary>Process exit codes, documented in the README; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran but could not do its job (e.g. an output file could not be written).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: an invalid topology file or bad command-line arguments.</summary>
    public const int BadInput = 2;
}
