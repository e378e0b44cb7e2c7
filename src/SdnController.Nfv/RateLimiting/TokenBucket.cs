namespace SdnController.Nfv.RateLimiting;

/// <summary>
/// A token bucket: fills at <c>rate</c> per second up to <c>capacity</c>, starts full; a packet conforms
/// when the bucket holds its cost (bytes or 1 packet), which it then takes.
/// </summary>
internal struct TokenBucket
{
    public double Tokens;
    public TimeSpan Last;

    public static TokenBucket Full(double capacity, TimeSpan now) => new() { Tokens = capacity, Last = now };

    public bool TryTake(double cost, double rate, double capacity, TimeSpan now)
    {
        var elapsed = (now - Last).TotalSeconds;
        if (elapsed > 0)
        {
            Tokens = Math.Min(capacity, Tokens + elapsed * rate);
            Last = now;
        }
        if (Tokens < cost) return false;
        Tokens -= cost;
        return true;
    }
}
