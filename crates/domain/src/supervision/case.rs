//! One supervision case: where it is, what it holds, and how a step moves it.
//!
//! WHY one `apply` for every step: the checks come in the same order for all of them —
//! closed, frozen by an appeal, out of time order, whose step, which flow, which node,
//! then the step's own facts — so a refusal always names the first rule that stops it,
//! and on refusal nothing changes. Steps are in `step.rs`, appeals in `appeal.rs`, timers
//! in `timers.rs`.

use super::{timers, Actor, Appeal, Delivery, Flow, Node, Op, Refusal, Shipment, Step};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The supervision case of one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub flow: Flow,
    pub node: Node,
    /// When the order was paid and the case opened.
    pub opened_at: DateTime<Utc>,
    /// When the case reached its current node; idle time counts from here.
    pub node_since: DateTime<Utc>,
    /// Hardware: the recipient phone on the buyer's order, compared with the shipment's.
    pub order_phone: Option<String>,
    pub requirements: Vec<String>,
    pub delivery: Option<Delivery>,
    pub shipment: Option<Shipment>,
    /// The actual service start: from the delivery, or the auth-code activation time.
    pub actual_start: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// Requirements the seller sent back; grounds for the buyer's appeal.
    pub requirement_rejections: u32,
    /// Deliveries the buyer rejected; grounds for the seller's appeal.
    pub delivery_rejections: u32,
    pub last_rejection_reason: Option<String>,
    /// Joint-operation License: once the buyer has the auth code, negotiated
    /// unsubscription is no longer possible (S-CN-AT).
    pub auth_code_taken: bool,
    /// A pending appeal freezes the case until the platform decides.
    pub appeal: Option<Appeal>,
    pub history: Vec<Step>,
}

impl Case {
    pub fn open(flow: Flow, opened_at: DateTime<Utc>) -> Self {
        Case {
            flow,
            node: flow.first_node(),
            opened_at,
            node_since: opened_at,
            order_phone: None,
            requirements: Vec::new(),
            delivery: None,
            shipment: None,
            actual_start: None,
            accepted_at: None,
            requirement_rejections: 0,
            delivery_rejections: 0,
            last_rejection_reason: None,
            auth_code_taken: false,
            appeal: None,
            history: Vec::new(),
        }
    }

    /// A hardware case with the recipient phone from the buyer's order.
    pub fn hardware(order_phone: &str, opened_at: DateTime<Utc>) -> Self {
        Case {
            order_phone: Some(order_phone.to_owned()),
            ..Case::open(Flow::Hardware, opened_at)
        }
    }

    /// Whose step it is now; `None` once closed.
    pub fn whose_step(&self) -> Option<Actor> {
        self.node.actor()
    }

    pub fn is_frozen(&self) -> bool {
        self.appeal.is_some()
    }

    /// The time of the latest accepted step; nothing may be dated before it.
    pub fn last_change(&self) -> DateTime<Utc> {
        self.history.last().map_or(self.opened_at, |s| s.at)
    }

    pub(super) fn check_time(&self, now: DateTime<Utc>) -> Result<(), Refusal> {
        let last = self.last_change();
        if now < last {
            return Err(Refusal::Backdated { last });
        }
        Ok(())
    }

    pub(super) fn record(&mut self, actor: Actor, to: Node, now: DateTime<Utc>) {
        let from = self.node;
        if to != from {
            self.node = to;
            self.node_since = now;
        }
        self.history.push(Step {
            at: now,
            actor,
            from,
            to,
        });
    }

    /// Performs `op` as `actor` at `now`; returns the node the case is at afterwards.
    pub fn apply(&mut self, actor: Actor, op: Op, now: DateTime<Utc>) -> Result<Node, Refusal> {
        if self.node.is_closed() {
            return Err(Refusal::Closed { node: self.node });
        }
        if self.is_frozen() {
            return Err(Refusal::Frozen);
        }
        self.check_time(now)?;
        let expected = op.actor();
        if actor != expected {
            return Err(Refusal::WrongActor { actor, expected });
        }
        if !op.fits(self.flow) {
            return Err(Refusal::NotInThisFlow { flow: self.flow });
        }
        let to = self.step(op, now)?;
        self.record(actor, to, now);
        Ok(to)
    }

    fn at(&self, node: Node) -> Result<(), Refusal> {
        if self.node == node {
            Ok(())
        } else {
            Err(Refusal::NotAtThisNode { node: self.node })
        }
    }

    /// Checks the step's facts, then applies them; returns the next node.
    fn step(&mut self, op: Op, now: DateTime<Utc>) -> Result<Node, Refusal> {
        match op {
            Op::SubmitRequirements { documents } => {
                self.at(Node::SubmittingRequirements)?;
                if documents.iter().all(|d| d.trim().is_empty()) {
                    return Err(Refusal::NoRequirements);
                }
                self.requirements = documents;
                Ok(Node::ConfirmingRequirements)
            }
            Op::ConfirmRequirements => self.at(Node::ConfirmingRequirements).map(|_| Node::ProvidingService),
            Op::RejectRequirements { reason } => {
                self.at(Node::ConfirmingRequirements)?;
                let reason = non_empty(reason)?;
                self.requirement_rejections += 1;
                self.last_rejection_reason = Some(reason);
                Ok(Node::SubmittingRequirements)
            }
            Op::ConfirmOrder => {
                self.at(Node::ConfirmingOrder)?;
                self.auth_code_taken = true;
                Ok(Node::ActivatingAuthCode)
            }
            Op::ActivateAuthCode => {
                self.at(Node::ActivatingAuthCode)?;
                self.actual_start = Some(now);
                Ok(Node::UploadingDeliveryProof)
            }
            Op::Deliver(delivery) => self.deliver(delivery, now),
            Op::Ship {
                courier,
                tracking_number,
                recipient_phone,
            } => {
                self.at(Node::ProvidingService)?;
                let blank = |s: &str| s.trim().is_empty();
                if blank(&courier) {
                    return Err(Refusal::MissingCourier);
                }
                if blank(&tracking_number) {
                    return Err(Refusal::MissingTrackingNumber);
                }
                if blank(&recipient_phone) {
                    return Err(Refusal::MissingRecipientPhone);
                }
                self.shipment = Some(Shipment {
                    courier,
                    tracking_number,
                    recipient_phone,
                    shipped_at: now,
                    signed_off_at: None,
                });
                Ok(Node::Accepting)
            }
            Op::RecordSignOff { signed_at } => {
                self.at(Node::Accepting)?;
                let shipment = self.shipment.as_mut().ok_or(Refusal::NotShipped)?;
                if shipment.signed_off_at.is_some() {
                    return Err(Refusal::AlreadySignedOff);
                }
                if signed_at > now {
                    return Err(Refusal::SignOffInFuture);
                }
                if signed_at < shipment.shipped_at {
                    return Err(Refusal::SignOffBeforeShipment);
                }
                shipment.signed_off_at = Some(signed_at);
                Ok(Node::Accepting)
            }
            Op::Accept | Op::ApproveAcceptance => {
                let node = if op == Op::Accept {
                    Node::Accepting
                } else {
                    Node::ReviewingAcceptance
                };
                self.at(node)?;
                Ok(self.accept(now))
            }
            Op::RejectDelivery { reason } => {
                self.at(Node::Accepting)?;
                let reason = non_empty(reason)?;
                self.delivery_rejections += 1;
                self.last_rejection_reason = Some(reason);
                Ok(Node::ProvidingService)
            }
            Op::AutoAccept => self.auto_accept(now),
            Op::ReturnAcceptance { reason } => {
                self.at(Node::ReviewingAcceptance)?;
                self.last_rejection_reason = Some(non_empty(reason)?);
                Ok(if matches!(self.flow, Flow::JointSaas { .. }) {
                    Node::ProvidingService
                } else {
                    Node::UploadingDeliveryProof
                })
            }
        }
    }

    fn deliver(&mut self, delivery: Delivery, now: DateTime<Utc>) -> Result<Node, Refusal> {
        let joint = matches!(self.flow, Flow::JointLicense { .. });
        self.at(if joint {
            Node::UploadingDeliveryProof
        } else {
            Node::ProvidingService
        })?;
        if delivery.acceptance_document.trim().is_empty() {
            return Err(Refusal::NoDeliveryProof);
        }
        if let Some(start) = delivery.actual_start {
            if joint {
                return Err(Refusal::StartFixedByActivation);
            }
            if start > now {
                return Err(Refusal::StartInFuture);
            }
            if start < self.opened_at {
                return Err(Refusal::StartBeforeOrder);
            }
        }
        if !joint {
            self.actual_start = delivery.actual_start;
        }
        self.delivery = Some(delivery);
        Ok(match self.flow {
            Flow::JointLicense { enablement_cloud: true } | Flow::JointSaas { enablement_cloud: true } => {
                Node::ReviewingAcceptance
            }
            Flow::JointLicense { .. } => Node::AutoAccepting,
            _ => Node::Accepting,
        })
    }

    fn auto_accept(&mut self, now: DateTime<Utc>) -> Result<Node, Refusal> {
        if self.flow == Flow::Hardware {
            self.at(Node::Accepting)?;
            let due = timers::auto_acceptance_at(self)?;
            if now < due {
                return Err(Refusal::NotDueYet { due });
            }
        } else {
            self.at(Node::AutoAccepting)?;
        }
        Ok(self.accept(now))
    }

    pub(super) fn accept(&mut self, now: DateTime<Utc>) -> Node {
        self.accepted_at = Some(now);
        Node::Completed
    }
}

fn non_empty(reason: String) -> Result<String, Refusal> {
    if reason.trim().is_empty() {
        Err(Refusal::EmptyReason)
    } else {
        Ok(reason)
    }
}
