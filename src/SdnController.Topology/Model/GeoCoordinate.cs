namespace SdnController.Topology.Model;

/// <summary>A point on Earth in decimal degrees (WGS84), as the Topology Zoo gives them.</summary>
public readonly record struct GeoCoordinate(double Latitude, double Longitude)
{
    public const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public double DistanceKmTo(GeoCoordinate other)
    {
        const double toRad = Math.PI / 180.0;
        var dLat = (other.Latitude - Latitude) * toRad;
        var dLon = (other.Longitude - Longitude) * toRad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(Latitude * toRad) * Math.Cos(other.Latitude * toRad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
