//! The scenario's knobs: every one has a documented source, presets are valid.

use dns_race::scenario::{source_of, Scenario, Source, KNOBS, PRESETS};

#[test]
fn every_knob_says_where_its_default_comes_from() {
    // Every field of the incident's scenario (faults as `fault.field`), but the seed.
    let json = serde_json::to_value(Scenario::incident()).unwrap();
    let mut fields = Vec::new();
    for (key, value) in json.as_object().unwrap() {
        match value.as_object() {
            Some(fault) => fields.extend(fault.keys().map(|k| format!("{key}.{k}"))),
            None if key != "seed" => fields.push(key.clone()),
            None => {}
        }
    }
    for field in &fields {
        assert!(source_of(field).is_some(), "knob {field} has no source in KNOBS");
    }
    assert_eq!(KNOBS.len(), fields.len(), "KNOBS lists a knob the scenario does not have");
    assert_eq!(
        source_of("repair_ms"),
        Some(Source::Published("00:38 cause identified, 02:25 DNS restored by hand"))
    );
    assert_eq!(source_of("cleanup_margin_generations"), Some(Source::Assumed));
    assert_eq!(source_of("slow_enactor.lock_losses"), Some(Source::Assumed));
}

#[test]
fn every_preset_is_valid_and_named() {
    for preset in PRESETS {
        let scenario = Scenario::preset(preset.name, 3).expect(preset.name);
        assert_eq!(scenario.validate(), Ok(()), "{}", preset.name);
    }
    assert_eq!(Scenario::preset("tuesday", 1), None);
    assert_eq!(Scenario::preset("random", 99).unwrap().seed, 99);
}

#[test]
fn a_scenario_round_trips_through_json_and_missing_fields_take_defaults() {
    let incident = Scenario::incident();
    let text = serde_json::to_string(&incident).unwrap();
    assert_eq!(serde_json::from_str::<Scenario>(&text).unwrap(), incident);
    let partial: Scenario = serde_json::from_str(r#"{"seed": 5}"#).unwrap();
    assert_eq!(partial, Scenario { seed: 5, ..Scenario::default() });
}
