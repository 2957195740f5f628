namespace Airadcr.Dicom.Network.Pdus;

/// <summary>The user information item (PS3.8 D.1, PS3.7 D.3.3) and the sub-items we understand. Other sub-items
/// (extended negotiation, user identity...) are skipped on decode.</summary>
public sealed record UserInformation
{
    /// <summary>Maximum length of the variable field of P-DATA-TF PDUs this side receives; 0 means no limit.</summary>
    public uint MaxPduLength { get; init; }

    public string? ImplementationClassUid { get; init; }

    public string? ImplementationVersionName { get; init; }

    public AsyncOperationsWindow? AsyncOperations { get; init; }

    public IReadOnlyList<RoleSelection> RoleSelections { get; init; } = [];
}

/// <summary>Asynchronous operations window sub-item; 0 means unlimited.</summary>
public readonly record struct AsyncOperationsWindow(ushort MaxInvoked, ushort MaxPerformed);

/// <summary>SCP/SCU role selection sub-item for one SOP class.</summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
