namespace Airadcr.Dicom.Network;

/// <summary>The PS3.8 states this implementation distinguishes (Sta1-Sta13 folded where our services do not differ).</summary>
public enum AssociationState
{
    /// <summary>Sta2/Sta5: transport open, waiting for the A-ASSOCIATE exchange (ARTIM running).</summary>
    Negotiating,

    /// <summary>Sta6: data transfer.</summary>
    Established,

    /// <summary>Sta7/Sta9/Sta11: A-RELEASE-RQ sent, waiting for A-RELEASE-RP (ARTIM running).</summary>
    Releasing,

    /// <summary>Sta1 after an orderly release.</summary>
    Released,

    /// <summary>Sta1 after an A-ABORT sent or received, or a transport failure.</summary>
    Aborted,
}
