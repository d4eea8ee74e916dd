namespace Vigil.Bench;

/// <summary>Pre-serialized POST bodies for one ingest run.</summary>
internal sealed record IngestPlan(IReadOnlyList<byte[]> Bodies, int Alerts, int Batch)
{
    public static IngestPlan Create(string runId, int alerts, int batch) =>
        new(AlertGenerator.Batches(runId, alerts, batch), alerts, batch);

    public int AlertsIn(int bodyIndex) => Math.Min(Batch, Alerts - (bodyIndex * Batch));
}
