namespace Cross.Frontends.RiscV.Privileged;

/// <summary>A hart's privilege mode, numbered as in mstatus.MPP (2 is reserved: no hypervisor).</summary>
public enum PrivilegeLevel : byte
{
    User = 0,
    Supervisor = 1,
    Machine = 3,
}

/// <summary>mstatus.FS: the state of the floating-point unit, for lazy context switching.</summary>
public enum FloatingPointState : byte
{
    /// <summary>FP instructions and the FP CSRs are illegal.</summary>
    Off = 0,
    Initial = 1,
    Clean = 2,
    /// <summary>FP state was written since the OS last cleaned it; mstatus.SD reads as one.</summary>
    Dirty = 3,
}
