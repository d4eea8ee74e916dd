namespace Vigil.Server.Tests.Support;

/// <summary>How Prometheus reaches a cluster's nodes with alerts (either topology of docs/scaling.md).</summary>
public enum ClusterIngest
{
    /// <summary>Through a round-robin load balancer: each request reaches one node, the next one the other.</summary>
    LoadBalancer,

    /// <summary>Every request to every node, as Prometheus sends to the members of an Alertmanager HA cluster.</summary>
    EveryNode,
}
