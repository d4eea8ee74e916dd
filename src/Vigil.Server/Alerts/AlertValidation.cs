using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>Alertmanager's model.Alert.Validate, with its error texts.</summary>
public static class AlertValidation
{
    /// <summary>Null when valid, else the message Alertmanager gives for the first problem.</summary>
    public static string? Validate(LabelSet labels, AnnotationSet annotations, DateTimeOffset startsAt, DateTimeOffset endsAt)
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
        for (var pair = annotations.Utf8Pairs(); pair.Next();)
        {
            if (!LabelNames.IsValid(pair.Name))
            {
                return $"invalid annotations: invalid name {GoQuote.Quote(System.Text.Encoding.UTF8.GetString(pair.Name))}";
            }
        }
        return null;
    }
}
