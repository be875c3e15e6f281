package com.zerolaghub.core.infra.agent;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/** The agent answered 409: another transition (game power, backup, restore) is running. Nothing was done. */
public class AgentBusyException extends OutsideSystemException {

  public AgentBusyException(String code, String message) {
    super(OutsideSystem.AGENT, 409, code, message);
  }
}
