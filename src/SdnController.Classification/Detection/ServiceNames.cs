namespace SdnController.Classification.Detection;

/// <summary>
/// The application behind a host name (DNS query, HTTP Host, TLS SNI), by domain suffix, in lower case as the
/// JSON reports it ("google", "youtube", ...). A short list of large services; null for anything else.
/// </summary>
public static class ServiceNames
{
    private static readonly (string Suffix, string App)[] Suffixes =
    [
        ("youtube.com", "youtube"), ("googlevideo.com", "youtube"), ("ytimg.com", "youtube"), ("youtu.be", "youtube"), ("ggpht.com", "youtube"),
        ("gmail.com", "gmail"), ("mail.google.com", "gmail"),
        ("google.com", "google"), ("googleapis.com", "google"), ("gstatic.com", "google"), ("google", "google"),
        ("googleusercontent.com", "google"), ("1e100.net", "google"), ("doubleclick.net", "google"),
        ("whatsapp.net", "whatsapp"), ("whatsapp.com", "whatsapp"),
        ("facebook.com", "facebook"), ("fbcdn.net", "facebook"), ("facebook.net", "facebook"), ("fb.com", "facebook"),
        ("instagram.com", "instagram"), ("cdninstagram.com", "instagram"),
        ("twitter.com", "twitter"), ("twimg.com", "twitter"), ("x.com", "twitter"),
        ("netflix.com", "netflix"), ("nflxvideo.net", "netflix"),
        ("teams.microsoft.com", "teams"), ("microsoft.com", "microsoft"), ("windowsupdate.com", "microsoft"), ("live.com", "microsoft"), ("office.com", "microsoft"),
        ("apple.com", "apple"), ("icloud.com", "apple"),
        ("amazon.com", "amazon"), ("amazonaws.com", "amazon"),
        ("cloudflare.com", "cloudflare"), ("github.com", "github"), ("wikipedia.org", "wikipedia"),
        ("discord.com", "discord"), ("discord.gg", "discord"), ("zoom.us", "zoom"), ("skype.com", "skype"),
        ("ntop.org", "ntop"), ("debian.org", "debian"), ("ubuntu.com", "ubuntu"),
    ];

    public static string? Of(string? host)
    {
        if (string.IsNullOrEmpty(host)) return null;
        foreach (var (suffix, app) in Suffixes)
            if (host.Length == suffix.Length ? host == suffix
                : host.EndsWith(suffix, StringComparison.Ordinal) && host[host.Length - suffix.Length - 1] == '.')
                return app;
        return null;
    }
}
