using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>Alertmanager's model.Alert.Validate, with its error texts.</summary>
public static class AlertValidation
{
    /// <summary>Null when valid, else the message Alertmanager gives for the first problem.</summary>
    public static string? Validate(LabelSet labels, LabelSet annotations, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (endsAt != default && endsAt < startsAt)
        {
            return "start time must be before end time";
        }
        foreach (var (name, _) in labels)
        {
            if (!LabelNames.IsValid(name))
            {
                return $"invalid label set: invalid name {GoQuote.Quote(name)}";
            }
        }
        if (labels.Count == 0)
        {
            return "at least one label pair required";
        }
        foreach (var (name, _) in annotations)
        {
            if (!LabelNames.IsValid(name))
            {
                return $"invalid annotations: invalid name {GoQuote.Quote(name)}";
            }
        }
        return null;
    }
}
