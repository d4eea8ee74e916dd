namespace Vigil.Server.Incidents;

/// <summary>A mean duration over <see cref="Incidents"/> incidents; <see cref="Mean"/> is null when there are none.</summary>
public sealed record MeanTime(TimeSpan? Mean, int Incidents);
